using System.Net.Mail;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Configuration;

namespace Platform.Mail;

/// <summary>
/// <c>Smtp:*</c>. Outside Development a mail server is required: the pickup folder (.eml files, no server) is a
/// Development convenience, and in production it would keep every notification from reaching the units.
/// </summary>
public sealed class SmtpOptionsValidator(IHostEnvironment environment) : IValidateOptions<SmtpOptions>
{
    internal const string PortFix = "is not a port: use 1–65535, usually 25, 587 (STARTTLS) or 465 (TLS).";

    /// <summary>One line per problem: the key, the value (never the password) and the fix.</summary>
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new SettingProblems();
        problems.AddRange(options.Unreadable);
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            if (!environment.IsDevelopment())
            {
                problems.Missing("Smtp:Host", $"give the mail server, e.g. --Smtp:Host=smtp.region.se (without one, emails are only written to a folder, which is for Development; environment is {environment.EnvironmentName}).");
            }
            else if (string.IsNullOrWhiteSpace(options.PickupDirectory))
            {
                problems.Missing("Smtp:PickupDirectory", "without Smtp:Host the emails are written there; give a folder, e.g. mail-pickup (the default).");
            }
        }

        if (options.Port is < 1 or > 65535)
        {
            problems.Bad("Smtp:Port", options.Port, PortFix);
        }

        if (!MailAddress.TryCreate(options.From, out _))
        {
            problems.Bad("Smtp:From", options.From, "is not an email address: write e.g. \"Vardovergang <noreply@region.se>\" or noreply@region.se.");
        }

        if (!string.IsNullOrWhiteSpace(options.UserName) && string.IsNullOrEmpty(options.Password))
        {
            problems.Missing("Smtp:Password", $"Smtp:UserName is set ({options.UserName}); give the password too, or leave both empty for a server without sign-in.");
        }

        return problems.ToResult();
    }
}

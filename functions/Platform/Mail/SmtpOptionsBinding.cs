using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Platform.Configuration;

namespace Platform.Mail;

/// <summary>
/// Binds the <c>Smtp</c> section. A port, timeout, switch or security mode the binder could not convert keeps its
/// default and becomes a line of <see cref="SmtpOptions.Unreadable"/> naming the key (<c>Smtp:Port='x' is not a port: …</c>),
/// checked at start with the others, instead of the binder's exception, which names no fix.
/// </summary>
internal sealed class SmtpOptionsBinding(IConfiguration section) : IConfigureOptions<SmtpOptions>
{
    public void Configure(SmtpOptions options)
    {
        var problems = new SettingProblems();
        var readable = new List<KeyValuePair<string, string?>>();
        foreach (var setting in section.AsEnumerable(makePathsRelative: true))
        {
            if (setting.Value is { } text && Unreadable(setting.Key, text) is { } unreadable)
            {
                problems.Bad($"{SmtpOptions.SectionName}:{unreadable.Key}", text, unreadable.Fix);
            }
            else
            {
                readable.Add(setting);
            }
        }

        new ConfigurationBuilder().AddInMemoryCollection(readable).Build().Bind(options);
        options.Unreadable = problems.Lines;
    }

    private static (string Key, string Fix)? Unreadable(string key, string text) => key.ToUpperInvariant() switch
    {
        "PORT" when !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) =>
            ("Port", SmtpOptionsValidator.PortFix),
        "TIMEOUTSECONDS" when !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) =>
            ("TimeoutSeconds", "is not a whole number of seconds: write e.g. 30."),
        "ENABLESSL" when !bool.TryParse(text, out _) =>
            ("EnableSsl", "must be true or false."),
        "SECURITY" when !(Enum.TryParse<SmtpSecurity>(text, ignoreCase: true, out var security) && Enum.IsDefined(security)) =>
            ("Security", "must be Auto, None, StartTls or SslOnConnect."),
        _ => null,
    };
}

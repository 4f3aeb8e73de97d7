using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Platform.Mail;

namespace Dashboard.Tests.Mail;

/// <summary>The one reading of <c>Smtp:*</c> the notifications and the monthly report share.</summary>
public sealed class SmtpOptionsTests
{
    [Fact]
    public void AddSmtpOptions_NewSmtpKeys_AreReadBesideTheOldOnes()
    {
        var smtp = Read(("Smtp:Host", "smtp.example.se"), ("Smtp:Port", "465"), ("Smtp:EnableSsl", "true"), ("Smtp:Security", "sslonconnect"),
            ("Smtp:TimeoutSeconds", "12"), ("Smtp:TrustedCertificateThumbprint", "AB:CD"));

        var server = smtp.Server!;

        Assert.Equal(SecureSocketOptions.SslOnConnect, server.SocketOptions);
        Assert.Equal(TimeSpan.FromSeconds(12), server.Timeout);
        Assert.Equal("AB:CD", server.TrustedCertificateThumbprint);
    }

    [Fact]
    public void AddSmtpOptions_Nothing_IsPickupFolderUnderTheStorageDirectory()
    {
        var smtp = Read();

        Assert.Null(smtp.Server);
        Assert.Equal(Path.Combine("data", "mail-pickup"), smtp.PickupDirectoryUnder("data"));
        Assert.Equal((25, 30, "Vardovergang <noreply@vardovergang.example.se>"), (smtp.Port, smtp.TimeoutSeconds, smtp.From));
    }

    [Fact]
    public void AddSmtpOptions_UnknownSecurity_SaysWhichValuesAreAllowed()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Read(("Smtp:Security", "Tls")));

        Assert.Equal("Smtp:Security='Tls' must be Auto, None, StartTls or SslOnConnect.", Assert.Single(refused.Failures));
    }

    [Theory]
    [InlineData("Port", "not-a-port", "Smtp:Port='not-a-port' is not a port: use 1–65535")]
    [InlineData("Port", "", "Smtp:Port=(empty) is not a port")]
    [InlineData("TimeoutSeconds", "30s", "Smtp:TimeoutSeconds='30s' is not a whole number of seconds")]
    [InlineData("EnableSsl", "ja", "Smtp:EnableSsl='ja' must be true or false.")]
    public void AddSmtpOptions_ValueTheBinderCannotConvert_IsOneLineNamingTheKey(string key, string value, string expected)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Read(("Smtp:Host", "smtp.example.se"), ($"Smtp:{key}", value), ("Smtp:UserName", "vardovergang")));

        // The rest is still read: the user name without its password is the second line.
        Assert.Equal(2, refused.Failures.Count());
        Assert.StartsWith(expected, refused.Failures.First(), StringComparison.Ordinal);
        Assert.StartsWith("Smtp:Password is not set", refused.Failures.Last(), StringComparison.Ordinal);
    }

    // Both the workflow library and the dashboard add the section: read and checked once all the same.
    private static SmtpOptions Read(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Development });
        services.AddSmtpOptions(configuration).AddSmtpOptions(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SmtpOptions>>().Value;
    }
}

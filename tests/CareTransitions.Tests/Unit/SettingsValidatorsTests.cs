using CareTransitions.Configuration;
using CareTransitions.Configuration.Validation;
using CareTransitions.Intake;
using CareTransitions.Workflow;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Platform.Mail;

namespace CareTransitions.Tests.UnitTests;

/// <summary>Each settings validator: the defaults pass, and each kind of mistake is one line naming the key and the fix.</summary>
public sealed class SettingsValidatorsTests
{
    private static readonly HostingEnvironment Production = new() { EnvironmentName = Environments.Production };
    private static readonly HostingEnvironment Development = new() { EnvironmentName = Environments.Development };
    private static readonly string GoodKey = Convert.ToBase64String(new byte[32]);

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new WorkflowOptionsValidator().Validate(null, new WorkflowOptions()).Succeeded);
        Assert.True(new AcknowledgementOptionsValidator().Validate(null, new AcknowledgementOptions()).Succeeded);
        Assert.True(new PublicUrlOptionsValidator().Validate(null, new PublicUrlOptions()).Succeeded);
        Assert.True(new DirectoryOptionsValidator().Validate(null, new DirectoryOptions()).Succeeded);
        Assert.True(new StorageQueueIntakeOptionsValidator().Validate(null, new StorageQueueIntakeOptions()).Succeeded);
        // Development: no mail server, no secrets; it writes .eml files and invents the keys.
        Assert.True(new SmtpOptionsValidator(Development).Validate(null, new SmtpOptions()).Succeeded);
        Assert.True(new IntakeOptionsValidator(Development).Validate(null, new IntakeOptions()).Succeeded);
        Assert.True(new PrivacyOptionsValidator(Development).Validate(null, new PrivacyOptions()).Succeeded);
    }

    [Theory]
    [InlineData("Mondag", "'Mondag'")]
    [InlineData("Monday,7", "'7'")]
    [InlineData("Mon,Tue", "'Mon', 'Tue'")]
    public void WorkflowValidator_UnknownDay_NamesTheDay(string days, string named)
    {
        var problem = Single(new WorkflowOptionsValidator(), new WorkflowOptions { OfficeHours = new OfficeHoursOptions { Days = days } });

        Assert.StartsWith($"Workflow:OfficeHours:Days='{days}' has {named}, not a day name", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void WorkflowValidator_DaysInAnyCaseOrEmpty_Succeed()
    {
        Assert.True(new WorkflowOptionsValidator().Validate(null, new WorkflowOptions { OfficeHours = new OfficeHoursOptions { Days = " saturday , SUNDAY " } }).Succeeded);
        Assert.True(new WorkflowOptionsValidator().Validate(null, new WorkflowOptions { OfficeHours = new OfficeHoursOptions { Days = "" } }).Succeeded);
    }

    [Fact]
    public void WorkflowValidator_UnknownTimeZone_NamesItAndAnExample()
    {
        var problem = Single(new WorkflowOptionsValidator(), new WorkflowOptions { OfficeHours = new OfficeHoursOptions { TimeZone = "Stockholm" } });

        Assert.Equal("Workflow:OfficeHours:TimeZone='Stockholm' is not a time zone this machine knows: use an IANA name, e.g. Europe/Stockholm.", problem);
    }

    [Fact]
    public void WorkflowValidator_OpensNotBeforeCloses_Fails()
    {
        var problem = Single(new WorkflowOptionsValidator(), new WorkflowOptions { OfficeHours = new OfficeHoursOptions { Opens = new(17, 0), Closes = new(8, 0) } });

        Assert.StartsWith("Workflow:OfficeHours:Opens='17:00' must be before Workflow:OfficeHours:Closes (08:00)", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00", "1.00:00:00", "Workflow:ReminderAfter='00:00:00' must be longer than zero")]
    [InlineData("04:00:00", "-01:00:00", "Workflow:EscalateAfter='-01:00:00' must be longer than zero")]
    [InlineData("1.00:00:00", "04:00:00", "Workflow:ReminderAfter='1.00:00:00' must be shorter than Workflow:EscalateAfter")]
    public void WorkflowValidator_Durations_ReminderBeforeEscalation(string reminder, string escalate, string expected)
    {
        var problem = Single(new WorkflowOptionsValidator(), new WorkflowOptions { ReminderAfter = TimeSpan.Parse(reminder), EscalateAfter = TimeSpan.Parse(escalate) });

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("1.00:00:01")]
    public void WorkflowValidator_UpdateEmailWindow_FromZeroToOneDay(string window)
    {
        var problem = Single(new WorkflowOptionsValidator(), new WorkflowOptions { UpdateEmailWindow = TimeSpan.Parse(window, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.StartsWith($"Workflow:UpdateEmailWindow='{window}' must be from 00:00:00", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void WorkflowValidator_PaymentRuleNames_MustBeBuiltInOrConfigured()
    {
        var options = new WorkflowOptions
        {
            DefaultPaymentRule = "Uppsala",
            PaymentRuleByMunicipality = new() { ["0180"] = "Stockholm", ["0380"] = "Upsala" },
            PaymentRules = new() { ["Uppsala"] = new PaymentResponsibilityRule("Uppsala", 3, 5) },
        };

        var problem = Single(new WorkflowOptionsValidator(), options);

        Assert.StartsWith("Workflow:PaymentRuleByMunicipality:0380='Upsala' is not a payment rule: use one of Default3Days, Stockholm, Uppsala", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SmtpValidator_NoHostOutsideDevelopment_Fails()
    {
        var problem = Single(new SmtpOptionsValidator(Production), new SmtpOptions { Host = "" });

        Assert.StartsWith("Smtp:Host is not set: give the mail server", problem, StringComparison.Ordinal);
        Assert.Contains("environment is Production", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "Vardovergang <noreply@vardovergang.example.se>", "Smtp:Port='0' is not a port")]
    [InlineData(587, "noreply(at)region.se", "Smtp:From='noreply(at)region.se' is not an email address")]
    public void SmtpValidator_PortAndFrom_AreChecked(int port, string from, string expected)
    {
        var problem = Single(new SmtpOptionsValidator(Production), new SmtpOptions { Host = "smtp.region.se", Port = port, From = from });

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SmtpValidator_UserNameWithoutPassword_NamesThePasswordNotItsValue()
    {
        var problem = Single(new SmtpOptionsValidator(Production), new SmtpOptions { Host = "smtp.region.se", UserName = "vardovergang" });

        Assert.StartsWith("Smtp:Password is not set", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void IntakeValidator_NoKeyOutsideDevelopment_Fails() =>
        Assert.StartsWith("Intake:ApiKey is not set", Single(new IntakeOptionsValidator(Production), new IntakeOptions { ApiKey = " " }), StringComparison.Ordinal);

    [Theory]
    [InlineData(null, "Privacy:PseudonymKey is not set")]
    [InlineData("inte-base64!", "Privacy:PseudonymKey (secret, value not shown) is not base64")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==", "Privacy:PseudonymKey (secret, value not shown) is 31 bytes, fewer than 32")]
    public void PrivacyValidator_KeyMissingUnreadableOrShort_FailsWithoutTheValue(string? key, string expected)
    {
        var problem = Single(new PrivacyOptionsValidator(Production), new PrivacyOptions { PseudonymKey = key });

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(key ?? "\u0000", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void PrivacyValidator_A32ByteKey_Succeeds() =>
        Assert.True(new PrivacyOptionsValidator(Production).Validate(null, new PrivacyOptions { PseudonymKey = GoodKey }).Succeeded);

    [Theory]
    [InlineData("vardovergang.region.se")]
    [InlineData("ftp://vardovergang.region.se")]
    [InlineData("https://vardovergang.region.se/?x=1")]
    public void PublicUrlValidator_NotAnAbsoluteHttpAddress_Fails(string url) =>
        Assert.StartsWith($"PublicBaseUrl='{url}' is not an absolute http or https address", Single(new PublicUrlOptionsValidator(), new PublicUrlOptions { BaseUrl = url }), StringComparison.Ordinal);

    [Fact]
    public void AcknowledgementValidator_ZeroLifetimeAndPermits_AreTwoLines()
    {
        var result = new AcknowledgementOptionsValidator().Validate(null, new AcknowledgementOptions { TokenLifetime = TimeSpan.Zero, PermitsPerMinute = 0 });

        Assert.Equal(2, result.Failures!.Count());
    }

    [Fact]
    public void DirectoryValidator_MissingFile_NamesThePath() =>
        Assert.StartsWith("Directory:Path='/nowhere/units.json' is not a file", Single(new DirectoryOptionsValidator(), new DirectoryOptions { Path = "/nowhere/units.json" }), StringComparison.Ordinal);

    [Fact]
    public void StorageQueueValidator_BadNameAndPauses_Fail()
    {
        var result = new StorageQueueIntakeOptionsValidator().Validate(null, new StorageQueueIntakeOptions { Name = "Transitions_Intake", MinPollingInterval = TimeSpan.FromSeconds(10) });

        Assert.Equal(["Intake:Queue:Name", "Intake:Queue:MinPollingInterval"], result.Failures!.Select(f => f[..f.IndexOf('=', StringComparison.Ordinal)]).ToArray());
    }

    private static string Single<T>(IValidateOptions<T> validator, T options)
        where T : class
    {
        var result = validator.Validate(null, options);
        Assert.True(result.Failed, "Expected a problem");
        return Assert.Single(result.Failures!);
    }
}

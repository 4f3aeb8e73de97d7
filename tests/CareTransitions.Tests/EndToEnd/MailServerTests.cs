using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareTransitions.Audit;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Testing;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>The service and its mail server: over STARTTLS with a login, and while the server is away.</summary>
public sealed class MailServerTests
{
    [Fact]
    public async Task The_service_emails_the_units_over_STARTTLS_with_a_login_and_is_ready()
    {
        using var certificate = TestCertificate.Create();
        await using var mail = await Maildev.StartAsync(new MaildevOptions(MaildevTls.StartTls, certificate, "vardovergang", "hemligt"));
        await using var service = await ServiceHost.StartAsync(
            mail,
            "--Smtp:Security=StartTls", "--Smtp:UserName=vardovergang", "--Smtp:Password=hemligt",
            $"--Smtp:TrustedCertificateThumbprint={certificate.Sha256Thumbprint}");
        using var anonymous = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };

        var id = await service.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: []));

        var emails = await mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 2);
        Assert.All(emails, e => Assert.NotEmpty(e.AckLink));
        var ready = await anonymous.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("smtp").GetString());
    }

    [Fact]
    public async Task While_the_mail_server_is_down_readiness_names_it_each_attempt_is_audited_with_its_reason_and_the_retry_delivers_the_same_Message_ID()
    {
        await using var mail = await Maildev.StartAsync();
        await using var service = await ServiceHost.StartAsync(mail);
        using var anonymous = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);

        await mail.StopAsync();

        using (var notReady = await anonymous.UntilStatusAsync("/readyz", HttpStatusCode.ServiceUnavailable))
        {
            var problem = await notReady.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(["smtp"], problem.GetProperty("unreachable").EnumerateArray().Select(e => e.GetString()!).ToArray());
            Assert.Contains("smtp", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var id = await service.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: []));
        var audit = service.Services.GetRequiredService<AuditLog>();
        var failed = await Eventually.ReadAsync(
            async () => (await audit.ForTransitionAsync(id)).Where(a => a.Action == AuditActions.EmailFailed).ToList(), rows => rows.Count >= 2, "two failed sends in the audit log");
        Assert.All(failed, row => Assert.EndsWith($": cannot connect to 127.0.0.1:{mail.SmtpPort} (connection refused)", row.Detail, StringComparison.Ordinal));
        Assert.All(failed, row => Assert.DoesNotContain(TestMessages.TestPersonnummer, row.Detail, StringComparison.Ordinal));
        Assert.All(failed, row => Assert.DoesNotContain("191212", row.Detail, StringComparison.Ordinal));

        await mail.ResumeAsync();

        // The activity's retry (2 s, then 4 s, 8 s, …) gets through once the server is back, with the Message-IDs it failed with.
        var emails = await mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal), 2, TimeSpan.FromSeconds(60));
        var failedIds = failed.Select(row => row.Detail!.Split(' ')[3].TrimEnd(':')).ToHashSet();
        Assert.All(emails, e => Assert.Contains(e.MessageId, failedIds));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.UntilStatusAsync("/readyz", HttpStatusCode.OK)).StatusCode);
        // The audit row follows the send, so the last one may land just after the mail server has the email.
        var sent = await Eventually.ReadAsync(
            async () => (await audit.ForTransitionAsync(id)).Where(a => a.Action == AuditActions.EmailSent).ToList(),
            rows => rows.Count >= 2, "an email-sent row per email in the audit log");
        Assert.Equal(2, sent.Count);
    }

    [Fact]
    public async Task A_SIP_call_made_while_the_mail_server_is_down_is_answered_and_its_invitations_follow_when_it_is_back()
    {
        await using var mail = await Maildev.StartAsync();
        await using var service = await ServiceHost.StartAsync(mail);
        var id = await service.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: ["HomeHealthCare"]));
        var transition = await service.WaitForAsync(id, t => ServiceHost.Units(t).Count() >= 2 && ServiceHost.Units(t).All(u => u.GetProperty("notifiedAt").ValueKind == JsonValueKind.String));
        var participants = ServiceHost.Units(transition).Select(u => u.GetProperty("unitId").GetString()!).ToArray();
        Assert.NotEmpty(participants);

        await mail.StopAsync();
        using var called = await service.Api.PostAsJsonAsync(
            $"/api/transitions/{id}/sip-call", new { start = DateTimeOffset.UtcNow.AddDays(2), place = "Vårdcentralen, rum 3", participants });

        // The meeting stands and the caller hears so; the invitations wait for the mail server, each attempt audited.
        Assert.Equal(HttpStatusCode.OK, called.StatusCode);
        var audit = service.Services.GetRequiredService<AuditLog>();
        var failed = await Eventually.ReadAsync(
            async () => (await audit.ForTransitionAsync(id)).Where(a => a.Action == AuditActions.EmailFailed && a.Detail!.StartsWith("SipInvitation", StringComparison.Ordinal)).ToList(),
            rows => rows.Count >= participants.Length, "a failed invitation per participant in the audit log");
        Assert.All(failed, row => Assert.EndsWith($": cannot connect to 127.0.0.1:{mail.SmtpPort} (connection refused)", row.Detail, StringComparison.Ordinal));

        await mail.ResumeAsync();
        var invitations = await mail.WaitForAsync(e => e.MessageId.StartsWith("<sip.", StringComparison.Ordinal), participants.Length, TimeSpan.FromSeconds(60));
        Assert.Equal(participants.Length, invitations.Count);
        var failedIds = failed.Select(row => row.Detail!.Split(' ')[3].TrimEnd(':')).ToHashSet();
        Assert.All(invitations, e => Assert.Contains(e.MessageId, failedIds));
        var sent = await Eventually.ReadAsync(
            async () => (await audit.ForTransitionAsync(id)).Where(a => a.Action == AuditActions.EmailSent && a.Detail!.StartsWith("SipInvitation", StringComparison.Ordinal)).ToList(),
            rows => rows.Count >= participants.Length, "an email-sent row per invitation in the audit log");
        Assert.Equal(participants.Length, sent.Count);
    }

    [Fact]
    public async Task In_pickup_folder_mode_readiness_has_no_mail_server_to_wait_for_and_the_email_is_an_eml_file()
    {
        await using var mail = await Maildev.StartAsync();
        // The pickup folder is a Development convenience (outside Development an empty Smtp:Host is a settings error).
        await using var service = await ServiceHost.StartAsync(mail, "--environment=Development", "--Smtp:Host=");
        using var anonymous = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };

        var id = await service.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: []));

        var ready = await anonymous.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.False(ready.GetProperty("checks").TryGetProperty("smtp", out _), ready.ToString());
        var pickup = Path.Combine(service.Directory, "mail-pickup");
        var files = await Eventually.ReadAsync(
            () => System.IO.Directory.Exists(pickup) ? System.IO.Directory.GetFiles(pickup, "*.eml") : [], found => found.Length >= 2, "two emails in the pickup folder");
        Assert.All(files, f => Assert.Contains(id, Path.GetFileName(f), StringComparison.Ordinal));
        Assert.Empty(await mail.AllAsync());
    }
}

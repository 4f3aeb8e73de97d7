using System.Net;
using System.Net.Sockets;
using CareTransitions.Reports;
using CareTransitions.Tests.Infrastructure;
using Dashboard.Reports;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Platform.Outcomes;
using Testing;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>The monthly steering-group report with a real SMTP server (maildev), Azurite for the archive, and our durable backend.</summary>
public sealed class MonthlyReportTests : IAsyncLifetime
{
    private const string Recipients = "styrgrupp@kommun.example.se,ordforande@region.example.se";

    private Maildev mail = null!;
    private Azurite azurite = null!;

    public async Task InitializeAsync()
    {
        this.mail = await Maildev.StartAsync();
        this.azurite = await Azurite.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await this.azurite.DisposeAsync();
        await this.mail.DisposeAsync();
    }

    private string[] ReportSettings(string container, params string[] extra) =>
    [
        "--Reports:Enabled=true",
        $"--Reports:Recipients={Recipients}",
        $"--Reports:BlobConnectionString={this.azurite.ConnectionString}",
        $"--Reports:BlobContainer={container}",
        .. extra,
    ];

    [Fact]
    public async Task The_report_email_reaches_the_SMTP_server_with_its_charts_inline_and_the_workbook_attached_and_the_workbook_is_archived_in_Azurite()
    {
        await using var service = await ServiceHost.StartAsync(this.mail, this.ReportSettings("rapporter-mejl"));
        var month = ReportMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow)).Previous;
        var readyAt = new DateTimeOffset(month.FirstDay.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(1));
        var recorder = service.Services.GetRequiredService<IOutcomeRecorder>();
        await recorder.RecordAsync(Outcome(readyAt, days: 2, "1480"));
        await recorder.RecordAsync(Outcome(readyAt.AddDays(3), days: 0, "0980"));

        var delivery = await service.Services.GetRequiredService<MonthlyReports>().ProduceAndSendAsync(month);

        Assert.Equal(MonthlyReportOutcome.Sent, delivery.Outcome);
        var received = Assert.Single(await this.mail.WaitForAsync(e => e.MessageId == $"<styrgruppsrapport-{month}@vardovergang.example.se>", 1));
        Assert.Equal(Recipients, received.To);
        using var message = await MimeMessage.LoadAsync(new MemoryStream(await this.mail.SourceAsync(received.Id)));
        Assert.Equal($"Styrgruppsrapport {month.SwedishName}: utskrivning från slutenvård", message.Subject);
        // multipart/mixed( multipart/alternative( text, multipart/related( html, four PNGs by Content-ID ) ), the .xlsx )
        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        var related = Assert.IsType<MultipartRelated>(Assert.Single(alternative, p => p.ContentType.MimeType == "multipart/related"));
        Assert.Equal("text/html", related.Root!.ContentType.MimeType);
        var html = message.HtmlBody!;
        var images = related.OfType<MimePart>().Where(p => p.ContentType.MimeType == "image/png").ToList();
        Assert.Equal(4, images.Count);
        Assert.All(images, i => Assert.Contains($"src=\"cid:{i.ContentId}\"", html, StringComparison.Ordinal));
        Assert.Contains("Göteborg", html, StringComparison.Ordinal);
        Assert.Contains("Medelantal dagar som utskrivningsklar", html, StringComparison.Ordinal);
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal($"styrgruppsrapport-{month}.xlsx", attachment.FileName);
        using var attached = new MemoryStream();
        await attachment.Content!.DecodeToAsync(attached);

        // The archive holds exactly that workbook, and the marker that it went out.
        Assert.Equal([$"styrgruppsrapport-{month}.sent.json", $"styrgruppsrapport-{month}.xlsx"], (await this.azurite.BlobNamesAsync("rapporter-mejl")).Order(StringComparer.Ordinal));
        var blob = await this.azurite.Container("rapporter-mejl").GetBlobClient($"styrgruppsrapport-{month}.xlsx").DownloadContentAsync();
        Assert.Equal(attached.ToArray(), blob.Value.Content.ToArray());
        Assert.Equal(MonthlyReportOutcome.AlreadySent, (await service.Services.GetRequiredService<MonthlyReports>().ProduceAndSendAsync(month)).Outcome);
    }

    [Fact]
    public async Task The_service_starts_one_schedule_waiting_for_the_next_first_working_day_and_leaves_it_alone_on_restart()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-report-").FullName;
        var port = FreePort.Next();
        var arguments = ServiceHost.Arguments(port, directory, this.mail.SmtpPort, this.ReportSettings("rapporter-schema"));
        var expected = MonthlyReportSchedule.NextDue(DateTimeOffset.UtcNow);
        for (var start = 0; start < 2; start++)
        {
            var app = CareTransitionsApp.Build(arguments);
            await app.StartAsync();
            var client = app.Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>();
            var instance = (await Eventually.ReadAsync(
                () => client.GetInstanceAsync(MonthlyReportOrchestrator.InstanceId, getInputsAndOutputs: true), i => i is { SerializedCustomStatus: not null }, "the schedule's status"))!;
            Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Running, instance.RuntimeStatus);
            Assert.Contains($"\"month\":\"{expected}\"", instance.SerializedCustomStatus, StringComparison.Ordinal);
            Assert.Contains($"\"dueAt\":\"{MonthlyReportSchedule.DueAt(expected).UtcDateTime:yyyy-MM-ddTHH:mm:ss}", instance.SerializedCustomStatus, StringComparison.Ordinal);
            var created = instance.CreatedAt;
            await app.StopAsync();
            await app.DisposeAsync();
            Assert.True(start == 0 || created == instance.CreatedAt);
        }
    }

    [Fact]
    public async Task A_restart_between_the_scheduled_time_and_the_send_sends_the_report_exactly_once()
    {
        // The latest month that is due: the schedule, started there, finds its timer already passed and sends at once.
        var month = MonthlyReportSchedule.LastDue(DateTimeOffset.UtcNow);
        var port = FreePort.Next();
        var baseUrl = $"http://127.0.0.1:{port}";
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-report-crash-").FullName;
        string[] Arguments(int smtpPort) => ServiceHost.Arguments(port, directory, smtpPort, this.ReportSettings("rapporter-omstart",
            $"--Reports:FirstMonth={month}", "--Durable:LeaseDuration=00:00:02", "--Logging:LogLevel:Dashboard.Reports=Information",
            "--Logging:LogLevel:CareTransitions.Reports=Information"));

        // A mail server that accepts the connection and then says nothing: the send hangs half-way.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = silent.AcceptTcpClientAsync();
        await using (var first = await ServiceProcess.StartAsync(baseUrl, Arguments(((IPEndPoint)silent.LocalEndpoint).Port)))
        {
            using var connection = await accepted.WaitAsync(TimeSpan.FromSeconds(60));
            // The timer fired and the workbook is archived; the email is on its way. Now the process dies.
            Assert.Contains($"styrgruppsrapport-{month}.xlsx", await this.azurite.BlobNamesAsync("rapporter-omstart"));
            await first.KillAsync();
        }

        await using (var second = await ServiceProcess.StartAsync(baseUrl, Arguments(this.mail.SmtpPort)))
        {
            var messageId = $"<styrgruppsrapport-{month}@vardovergang.example.se>";
            await this.mail.WaitForAsync(e => e.MessageId == messageId, 1, TimeSpan.FromSeconds(60));
            await Eventually.TrueAsync(
                async () => (await this.azurite.BlobNamesAsync("rapporter-omstart")).Contains($"styrgruppsrapport-{month}.sent.json"), "the month's sent marker in the archive");
            // The schedule has moved on to the next month: this month's activity, retries included, is over, and nothing
            // sends the month again.
            await Eventually.TrueAsync(
                () => second.Output.Split('\n').Any(line => line.Contains($"Monthly report {month}: ", StringComparison.Ordinal) && line.Contains("waiting for the next month", StringComparison.Ordinal)),
                "the schedule to log that it waits for the next month");
            Assert.Single(await this.mail.AllAsync(), e => e.MessageId == messageId);
            Assert.Equal([$"styrgruppsrapport-{month}.sent.json", $"styrgruppsrapport-{month}.xlsx"],
                (await this.azurite.BlobNamesAsync("rapporter-omstart")).Order(StringComparer.Ordinal));
            Assert.Contains("Monthly report " + month + " sent to 2 recipients", second.Output, StringComparison.Ordinal);
        }
    }

    private static TransitionOutcome Outcome(DateTimeOffset readyAt, int days, string municipality) => new(
        TransitionId: $"t-{Guid.NewGuid():N}",
        PatientPseudonym: $"p-{Guid.NewGuid():N}",
        MunicipalityCode: municipality,
        WardHsaId: "SE2321000131-E000000000001",
        WardName: "Medicin 1",
        CareType: "Somatic",
        Needs: ["HomeCare"],
        AdmittedAt: readyAt.AddDays(-2),
        AdmissionNoticeAt: readyAt.AddDays(-2).AddHours(3),
        AdmissionNoticeLate: false,
        ReadyForDischargeAt: readyAt,
        DischargedAt: readyAt.AddDays(days).AddHours(4),
        DaysReadyForDischarge: days,
        WithdrawalCount: 0,
        PaymentResponsibilityDays: 0,
        PaymentRule: "Default3Days",
        SipRequired: false,
        SipCalledAt: null,
        Units: [],
        CompletedAt: readyAt.AddDays(days + 1));
}

using CareTransitions.Functions.Http;
using CareTransitions.Functions.Workflow;
using CareTransitions.Notifications;
using CareTransitions.Reports;
using CareTransitions.Tests.Infrastructure;
using CareTransitions.Sip;
using CareTransitions.Workflow;
using CareTransitions.Workflow.Activities;
using Dashboard.Reports;
using Durable.Backend.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Platform.Outcomes;

namespace CareTransitions.Functions.Tests.Infrastructure;

/// <summary>Which durable engine plays the Functions host's part.</summary>
public enum Engine
{
    /// <summary>Our backend in process (<c>AddInProcessDurableBackend</c>), as the standalone host runs it.</summary>
    Ours,

    /// <summary>Microsoft's in-memory <see cref="DurableTaskTestHost"/>.</summary>
    TestHost,
}

/// <summary>
/// The Functions app's adapters without the Functions host: the library's features as the app's Program registers
/// them (<c>AddCareTransitionFeatures</c>, <see cref="DurableClientRelay"/>), a tiny Kestrel app on loopback whose
/// routes call the [Function] methods (the host's routing, key check and bindings are not here), and a durable
/// engine whose worker runs the workflow through the same [OrchestrationTrigger]/[ActivityTrigger] methods.
/// </summary>
public sealed class FunctionsTestApp : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly DurableTaskTestHost? testHost;
    private readonly Maildev mail;

    private FunctionsTestApp(WebApplication app, DurableTaskTestHost? testHost, Maildev mail, DurableTaskClient client, string baseUrl)
    {
        this.app = app;
        this.testHost = testHost;
        this.mail = mail;
        this.Client = client;
        this.BaseUrl = baseUrl;
        this.Http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    /// <summary>The client the host would bind to <c>[DurableClient]</c>.</summary>
    public DurableTaskClient Client { get; }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => this.app.Services;

    /// <summary>A new invocation's context, as the host creates one per call (its own scope).</summary>
    internal TestFunctionContext NewInvocation(IReadOnlyDictionary<string, object?>? bindingData = null) =>
        new(this.app.Services.CreateScope().ServiceProvider, bindingData);

    public static async Task<FunctionsTestApp> StartAsync(Engine engine, string publicBaseUrl, params string[] extra)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-func-").FullName;
        var port = FreePort.Next();
        // Outside Development a mail server is required (the pickup folder is a Development convenience): a real one.
        var mail = await Maildev.StartAsync();
        var builder = WebApplication.CreateBuilder(
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--PublicBaseUrl={publicBaseUrl}",
            $"--Storage:Directory={directory}",
            "--Smtp:Host=127.0.0.1",
            $"--Smtp:Port={mail.SmtpPort}",
            $"--Privacy:PseudonymKey={TestSettings.PseudonymKey}",
            "--Durable:PollingInterval=00:00:00.200",
            "--Logging:LogLevel:Default=Warning",
            .. extra,
        ]);
        // As the app's Program (features, the worker serializer, the durable client relay), on a SQLite store in a
        // temporary folder: the Program's refusal of SQLite outside Development is left out here and tested on its own.
        builder.Services.AddCareTransitionsFunctionsApp(builder.Configuration);

        IServiceProvider? root = null;
        void Tasks(DurableTaskRegistry tasks) => AddFunctionAdapters(tasks, () => root!);
        DurableTaskTestHost? testHost = null;
        if (engine == Engine.Ours)
        {
            builder.Services.AddInProcessDurableBackend(builder.Configuration.GetSection("Durable"), o => o.DatabasePath = Path.Combine(directory, "durable.db"));
            builder.Services.AddDurableTaskWorker(w => w.AddTasks(Tasks).UseInProcessDurableBackend());
            builder.Services.AddDurableTaskClient(c => c.UseInProcessDurableBackend());
        }
        else
        {
            testHost = await DurableTaskTestHost.StartAsync(Tasks, new DurableTaskTestHostOptions
            {
                Port = FreePort.Next(),
                ConfigureServices = services => services.AddSingleton(DurableTaskHosting.DataConverter),
            });
        }

        var app = builder.Build();
        root = app.Services;
        var client = testHost?.Client ?? app.Services.GetRequiredService<IDurableTaskClientProvider>().GetClient();
        MapFunctionRoutes(app, client);
        await app.StartAsync();
        return new FunctionsTestApp(app, testHost, mail, client, $"http://127.0.0.1:{port}");
    }

    /// <summary>The routes of functions.metadata, each calling its [Function] method as the host would.</summary>
    private static void MapFunctionRoutes(WebApplication app, DurableTaskClient client)
    {
        // Nothing hands the client over on the function's behalf: a function that forgets UseDurableClient fails its tests.
        static TestFunctionContext Invocation(HttpContext http) => new(http.RequestServices, cancellationToken: http.RequestAborted);
        app.MapPost("/api/transitions", (HttpRequest r) => IntakeFunctions.Post(r, client, Invocation(r.HttpContext)));
        app.MapGet("/api/transitions", (HttpRequest r) => CoordinatorFunctions.List(r, client, Invocation(r.HttpContext)));
        app.MapGet("/api/transitions/{id}", (HttpContext h, string id) => CoordinatorFunctions.Get(h.Request, id, client, Invocation(h)));
        app.MapPost("/api/transitions/{id}/terminate", (HttpContext h, string id) => CoordinatorFunctions.Terminate(h.Request, id, client, Invocation(h)));
        app.MapDelete("/api/transitions/{id}", (HttpContext h, string id) => CoordinatorFunctions.Purge(h.Request, id, client, Invocation(h)));
        app.MapGet("/ack/{token}", (HttpContext h, string token) => AcknowledgementFunctions.Get(h.Request, token, client, Invocation(h)));
        app.MapPost("/ack/{token}", (HttpContext h, string token) => AcknowledgementFunctions.Post(h.Request, token, client, Invocation(h))).DisableAntiforgery();
        app.MapGet("/dashboard", (HttpRequest r) => DashboardFunctions.Page(r, client, Invocation(r.HttpContext)));
        app.MapGet("/dashboard/rapport", (HttpRequest r) => DashboardFunctions.Report(r, client, Invocation(r.HttpContext)));
        app.MapGet("/api/statistics", (HttpRequest r) => DashboardFunctions.Statistics(r, client, Invocation(r.HttpContext)));
        app.MapGet("/healthz", (HttpRequest r) => HealthFunctions.Live(r));
        app.MapGet("/readyz", (HttpRequest r) => HealthFunctions.Ready(r, client, Invocation(r.HttpContext)));
    }

    /// <summary>The workflow's tasks as the Functions host runs them: through the [OrchestrationTrigger] and [ActivityTrigger] methods.</summary>
    private static void AddFunctionAdapters(DurableTaskRegistry tasks, Func<IServiceProvider> services)
    {
        foreach (var (_, add) in FunctionAdapters(services))
        {
            add(tasks);
        }
    }

    /// <summary>One adapter per task, by task name; <c>TaskListTests</c> holds it against the worker's tasks and the app's triggers.</summary>
    internal static IReadOnlyList<(string Name, Action<DurableTaskRegistry> Add)> FunctionAdapters(Func<IServiceProvider> services)
    {
        TestFunctionContext Activity(TaskActivityContext context) =>
            new(services().CreateScope().ServiceProvider, new Dictionary<string, object?> { ["instanceId"] = context.InstanceId });
        return
        [
            (nameof(CareTransitionOrchestrator), t => t.AddOrchestratorFunc<TransitionStart, TransitionOutcome>(nameof(CareTransitionOrchestrator), (context, _) => WorkflowFunctions.CareTransition(context))),
            (nameof(RouteUnits), t => t.AddActivityFunc<RouteRequest, RoutedUnits>(nameof(RouteUnits), (context, input) => WorkflowFunctions.RouteUnitsActivity(input, Activity(context)))),
            (nameof(NotifyUnit), t => t.AddActivityFunc<NotificationRequest, NotificationResult>(nameof(NotifyUnit), (context, input) => WorkflowFunctions.NotifyUnitActivity(input, Activity(context)))),
            (nameof(RecordOutcome), t => t.AddActivityFunc<TransitionOutcome, bool>(nameof(RecordOutcome), (context, input) => WorkflowFunctions.RecordOutcomeActivity(input, Activity(context)))),
            (nameof(MonthlyReportOrchestrator), t => t.AddOrchestratorFunc<MonthlyReportScheduleInput?, string?>(nameof(MonthlyReportOrchestrator), (context, _) => WorkflowFunctions.MonthlyReportSchedule(context))),
            (nameof(SendMonthlyReport), t => t.AddActivityFunc<string, MonthlyReportDelivery>(nameof(SendMonthlyReport), (context, input) => WorkflowFunctions.SendMonthlyReportActivity(input, Activity(context)))),
            (nameof(SipDeliveryOrchestrator), t => t.AddOrchestratorFunc<SipDelivery, int>(nameof(SipDeliveryOrchestrator), (context, _) => WorkflowFunctions.SipDelivery(context))),
            (nameof(SendSipInvitation), t => t.AddActivityFunc<SipInvitationRequest, bool>(nameof(SendSipInvitation), (context, input) => WorkflowFunctions.SendSipInvitationActivity(input, Activity(context)))),
        ];
    }

    public async ValueTask DisposeAsync()
    {
        this.Http.Dispose();
        await this.app.StopAsync();
        await this.app.DisposeAsync();
        if (this.testHost is not null)
        {
            await this.testHost.DisposeAsync();
        }

        await this.mail.DisposeAsync();
    }
}

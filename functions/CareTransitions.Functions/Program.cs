using CareTransitions.Configuration.Validation;
using CareTransitions.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Platform.Hosting;

// The Azure Functions isolated-worker app: the workflow library's features, no Durable worker of its own (the
// Functions host replays the orchestrator through the [OrchestrationTrigger] adapters), and the host's durable
// client relayed to library code. Each [Function] is a thin adapter over what the standalone host maps.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// nosniff, no referrer, no framing, a script-safe content security policy and no-store, as the standalone service sends.
builder.UseMiddleware<CareTransitions.Functions.Http.FunctionsSecurityHeaders>();
builder.Services.AddCareTransitionsFunctionsApp(builder.Configuration);
builder.Services.AddPostgresOutsideDevelopmentRule();
// Traces and metrics: Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set, OTLP when an endpoint is, else off.
builder.Services.AddCareTransitionsFunctionsTelemetry(builder.Configuration);
// The same settings and validators as the standalone service, all at once, before any function runs; a refused start
// exits with README.md's code and one line per problem, as the standalone service does.
return await ProgramRun.RunAsync("care-transitions-functions", async () =>
{
    var app = builder.Build();
    app.Services.CheckSettings();
    await app.RunAsync();
});

using CareTransitions.Functions;
using Microsoft.Azure.Functions.Worker.Builder;

// The Azure Functions isolated-worker app: the workflow library's features, no Durable worker of its own (the
// Functions host replays the orchestrator through the [OrchestrationTrigger] adapters), and the host's durable
// client relayed to library code. Each [Function] is a thin adapter over what the standalone host maps.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
FunctionsAppStorage.RefuseSqliteOutsideDevelopment(builder.Configuration, builder.Environment);
builder.Services.AddCareTransitionsFunctionsApp(builder.Configuration);
// Traces and metrics: Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set, OTLP when an endpoint is, else off.
builder.Services.AddCareTransitionsFunctionsTelemetry(builder.Configuration);
builder.Build().Run();

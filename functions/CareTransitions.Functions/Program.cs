using CareTransitions;
using CareTransitions.Functions;
using CareTransitions.Workflow;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Client;

// The Azure Functions isolated-worker app: the workflow library's features, no Durable worker of its own (the
// Functions host replays the orchestrator through the [OrchestrationTrigger] adapters), and the host's durable
// client relayed to library code. Each [Function] is a thin adapter over what the standalone host maps.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
FunctionsAppStorage.RefuseSqliteOutsideDevelopment(builder.Configuration, builder.Environment);

builder.Services.AddCareTransitionFeatures(builder.Configuration);
builder.Services.AddSingleton<DurableClientRelay>();
builder.Services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<DurableClientRelay>());

builder.Build().Run();

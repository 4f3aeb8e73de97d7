using CareTransitions.SignIn;
using CareTransitions.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Platform.Storage.Migrations;

namespace CareTransitions.Functions;

/// <summary>What the Functions app registers; its tests build their stand-in host with the same call.</summary>
internal static class FunctionsAppServices
{
    public static IServiceCollection AddCareTransitionsFunctionsApp(this IServiceCollection services, IConfiguration configuration)
    {
        // Before the features, which keep it: behind the host the connection is always loopback.
        services.AddSingleton<Acknowledgements.IClientAddress, Http.FunctionsHostClientAddress>();
        services.AddCareTransitionFeatures(configuration);
        // No sign-in of its own (App Service Authentication signs staff in), but the same claim and role names.
        services.AddStaffClaimNames(configuration);
        // The staff pages' "Logga ut" is App Service Authentication's, not the service's /logga-ut.
        services.AddSingleton(new Pages.StaffPageLinks("/.auth/logout"));
        // The app and statistics stores migrated as the worker starts, before any function runs.
        services.AddStoreMigrationsAtStart();

        services.UseCareTransitionsJsonEverywhere();
        services.AddSingleton<Http.ApiReference>();

        // Library code resolves DurableTaskClient: the relay, which reaches the [DurableClient] each adapter hands over (UseDurableClient).
        services.AddSingleton<DurableClientAccessor>();
        services.AddSingleton<DurableClientRelay>();
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<DurableClientRelay>());
        return services;
    }
}

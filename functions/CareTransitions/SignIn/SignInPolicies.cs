namespace CareTransitions.SignIn;

/// <summary>The authorization policies, named after the roles they require (the role values themselves are configurable).</summary>
internal static class SignInPolicies
{
    /// <summary>Styrgrupp: the dashboard, statistics, exports and reports (the dashboard library requires it by this name).</summary>
    public const string SteeringGroup = Dashboard.DashboardEndpoints.SteeringGroupPolicy;

    /// <summary>Samordnare: the coordinators' API and pages; also opened by the API key.</summary>
    public const string Coordinator = "Samordnare";

    /// <summary>A person signed in as themselves, not a program with an API key: for pages whose use is logged under a name.</summary>
    public const string Person = "Person";
}

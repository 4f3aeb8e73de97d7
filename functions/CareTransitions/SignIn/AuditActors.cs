using System.Security.Claims;

namespace CareTransitions.SignIn;

/// <summary>Who the audit log names for a coordinator's call: the API key, or the signed-in person.</summary>
internal static class AuditActors
{
    public const string ApiKey = "api-key";

    /// <summary>
    /// <c>api-key</c> for a program with the key (and for a host that passes no user, the Functions app), <c>api-key:{name}</c>
    /// for a coordinator key; otherwise
    /// <c>oidc:{sub} ({name})</c>: the provider's stable subject, which names never collide on, and the name a reader knows.
    /// </summary>
    public static string Of(ClaimsPrincipal? user)
    {
        var identity = user?.Identity;
        if (identity is not { IsAuthenticated: true })
        {
            return ApiKey;
        }

        if (identity.AuthenticationType == SignInSchemes.ApiKey)
        {
            // "api-key" for Intake:ApiKey, "api-key:{name}" for a coordinator key: its name, never the key.
            return identity.Name ?? ApiKey;
        }
        var subject = user!.FindFirst("sub")?.Value;
        var name = identity.Name;
        return subject is null ? $"oidc:{name}" : name is null ? $"oidc:{subject}" : $"oidc:{subject} ({name})";
    }

    /// <summary><c>hsa:{HSA-id} ({name})</c>: a person signed in on a staff page, in either host (the work list writes the same).</summary>
    public static string Person(StaffMember person) => $"hsa:{person.HsaId} ({person.Name})";
}

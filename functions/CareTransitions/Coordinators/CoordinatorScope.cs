using System.Security.Claims;
using System.Text.RegularExpressions;
using CareTransitions.Intake;
using CareTransitions.Workflow;

namespace CareTransitions.Coordinators;

/// <summary>
/// Which transitions a coordinator may see and act on. A key named in <c>Coordinators:Scopes</c> reaches the transitions
/// of its municipalities (code), wards or care providers (HSA-id) and units (directory id); every other caller reaches
/// all of them, as before scopes existed. Out of scope is answered as not found, so a key learns nothing of the rest.
/// </summary>
internal sealed partial record CoordinatorScope(IReadOnlyList<string>? Entries)
{
    /// <summary>The claim an API key's principal carries per entry.</summary>
    public const string ClaimType = "ct_scope";

    public static readonly CoordinatorScope All = new((IReadOnlyList<string>?)null);

    public static CoordinatorScope Of(ClaimsPrincipal? user)
    {
        var entries = user?.FindAll(ClaimType).Select(c => c.Value).ToList();
        return entries is { Count: > 0 } ? new CoordinatorScope(entries) : All;
    }

    public static IReadOnlyList<string> Parse(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A municipality code (four digits), an HSA-id of a ward or care provider, or a unit id such as <c>1480-samordning</c>.</summary>
    public static bool IsEntry(string text) => MunicipalityOrUnit().IsMatch(text) || Senders.IsHsaIdOrCareProvider(text);

    public bool Includes(TransitionStatus? status)
    {
        if (this.Entries is null)
        {
            return true;
        }

        if (status is null)
        {
            return false;
        }

        return this.Entries.Any(e =>
            string.Equals(e, status.MunicipalityCode, StringComparison.Ordinal)
            || (status.Ward is { } ward && (string.Equals(e, ward.HsaId, StringComparison.OrdinalIgnoreCase)
                || string.Equals(e, TransitionIds.Sender(ward.HsaId), StringComparison.OrdinalIgnoreCase)))
            || status.Units.Any(u => string.Equals(e, u.UnitId, StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"^\d{4}(-[a-z0-9-]{1,60})?\z")]
    private static partial Regex MunicipalityOrUnit();
}

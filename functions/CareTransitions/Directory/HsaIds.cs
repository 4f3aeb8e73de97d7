using System.Text.RegularExpressions;

namespace CareTransitions.Directory;

/// <summary>HSA-ids (HSA-katalogens identiteter) of units and staff: <c>SE</c>, ten digits, a dash, an id of up to 31 letters or digits.</summary>
internal static partial class HsaIds
{
    /// <summary>True for an HSA-id as intake accepts the ward's, e.g. <c>SE2321000131-E000000012345</c>.</summary>
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex(@"^SE\d{10}-[A-Za-z0-9]{1,31}\z")]
    private static partial Regex Pattern();
}

namespace CareTransitions.Configuration;

/// <summary>
/// An enum value from its exact name only. <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> also takes
/// numbers, surrounding spaces and comma lists ("HomeCare, HomeHealthCare" is one flags value), which silently turned
/// two needs into one and two message types into a number.
/// </summary>
internal static class ExactEnum
{
    public static bool TryParse<T>(string? text, out T value, bool ignoreCase = false) where T : struct, Enum
    {
        var name = text is null ? null : Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
        if (name is not null)
        {
            value = Enum.Parse<T>(name);
            return true;
        }

        value = default;
        return false;
    }
}

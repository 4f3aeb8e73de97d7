using System.Globalization;

namespace CareTransitions.Privacy;

/// <summary>
/// A Swedish personal identity number (personnummer), 12 digits. Parsed and checked at intake, then
/// immediately replaced by a pseudonym: the number itself is never stored, emailed or logged.
/// </summary>
internal static class PersonalIdentityNumber
{
    /// <summary>Accepts <c>YYYYMMDDNNNN</c> or <c>YYYYMMDD-NNNN</c>; returns the 12 digits, or why not.</summary>
    public static bool TryNormalize(string? text, out string digits, out string? error)
    {
        digits = string.Empty;
        var trimmed = text?.Trim() ?? string.Empty;
        var candidate = trimmed.Length == 13 && trimmed[8] == '-' ? trimmed.Remove(8, 1) : trimmed;
        if (candidate.Length != 12 || !candidate.All(char.IsAsciiDigit))
        {
            error = "must be 12 digits, YYYYMMDDNNNN or YYYYMMDD-NNNN";
            return false;
        }

        if (!IsPlausibleDate(candidate))
        {
            error = "does not start with a valid date of birth";
            return false;
        }

        if (!LuhnIsValid(candidate.AsSpan(2)))
        {
            error = "has a wrong check digit";
            return false;
        }

        digits = candidate;
        error = null;
        return true;
    }

    /// <summary>The Luhn check over the 10-digit form (YYMMDDNNNC).</summary>
    public static bool LuhnIsValid(ReadOnlySpan<char> tenDigits)
    {
        var sum = 0;
        for (var i = 0; i < tenDigits.Length; i++)
        {
            var d = tenDigits[i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    private static bool IsPlausibleDate(string digits)
    {
        var year = int.Parse(digits.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var month = int.Parse(digits.AsSpan(4, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(digits.AsSpan(6, 2), CultureInfo.InvariantCulture);
        // Samordningsnummer (coordination numbers) add 60 to the day.
        if (day > 60)
        {
            day -= 60;
        }

        return year >= 1880 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }
}

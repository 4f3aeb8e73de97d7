using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Storage;

/// <summary>
/// Settings from the configuration section <c>Statistics</c>. Where the store is (<c>DatabasePath</c>, <c>Provider</c>,
/// <c>PostgresConnectionString</c>) is the storage topology's to read (<see cref="Platform.Storage.StorageTopology.Statistics"/>).
/// </summary>
internal sealed class StatisticsOptions
{
    public const string SectionName = "Statistics";

    // Socialstyrelsen sets the daily amount (dagersättning) per year; these are its amounts in kronor.
    private static readonly SortedDictionary<int, decimal> DefaultDailyAmounts = new()
    {
        [2019] = 7_800m,
        [2020] = 8_200m,
        [2022] = 9_300m,
    };

    /// <summary>Daily amount per year; a year without a value uses the nearest earlier year.</summary>
    public SortedDictionary<int, decimal> DailyAmounts { get; init; } = new(DefaultDailyAmounts);

    /// <summary>The role value a signed-in user needs (App Service Authentication role claim); the fallback of <c>Authentication:Roles:SteeringGroup</c>.</summary>
    public string RequiredRole { get; init; } = "Styrgrupp";

    /// <summary>The claim type that carries roles in <c>X-MS-CLIENT-PRINCIPAL</c>; the fallback of <c>Authentication:OpenIdConnect:RoleClaimType</c>.</summary>
    public string RoleClaimType { get; init; } = "roles";

    public decimal DailyAmountFor(int year)
    {
        decimal? amount = null;
        foreach (var (y, a) in DailyAmounts)
        {
            if (y > year)
            {
                break;
            }
            amount = a;
        }
        // Before the first configured year there is no earlier value; the earliest known is the least wrong.
        return amount ?? DailyAmounts.Values.FirstOrDefault();
    }

    public long DailyAmountOreFor(int year) => (long)Math.Round(DailyAmountFor(year) * 100m);

    /// <summary>Values that could not be read (one line each); <see cref="StatisticsOptionsValidator"/> stops the start for them.</summary>
    internal IReadOnlyList<string> Unreadable { get; init; } = [];

    /// <exception cref="InvalidOperationException">A daily amount that is not a year and an amount.</exception>
    public static StatisticsOptions From(IConfigurationSection section)
    {
        var options = Read(section);
        return options.Unreadable.Count == 0 ? options : throw new InvalidOperationException(options.Unreadable[0]);
    }

    /// <summary>The section as far as it can be read; what cannot is in <see cref="Unreadable"/>, for the settings check at start.</summary>
    internal static StatisticsOptions Read(IConfigurationSection section)
    {
        var unreadable = new List<string>();
        var amounts = new SortedDictionary<int, decimal>(DefaultDailyAmounts);
        foreach (var child in section.GetSection("DailyAmounts").GetChildren())
        {
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                || !decimal.TryParse(child.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
            {
                unreadable.Add($"Statistics:DailyAmounts:{child.Key}='{child.Value}' must be a year and an amount in kronor, e.g. Statistics:DailyAmounts:2022=9300.");
                continue;
            }
            amounts[year] = amount;
        }

        return new StatisticsOptions
        {
            DailyAmounts = amounts,
            RequiredRole = NonEmpty(section["RequiredRole"]) ?? "Styrgrupp",
            RoleClaimType = NonEmpty(section["RoleClaimType"]) ?? "roles",
            Unreadable = unreadable,
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

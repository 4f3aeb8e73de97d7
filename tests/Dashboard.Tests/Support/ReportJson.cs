using System.Text.Json;
using Dashboard.Statistics;

namespace Dashboard.Tests.Support;

internal static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Of(StatisticsReport report) => JsonSerializer.Serialize(report, Options);
}

using System.Text.Json;
using Dashboard.Reports;

namespace Dashboard.Tests.Reports;

/// <summary>A month as it travels between the report's activity and its schedule: serialized as JSON.</summary>
public sealed class ReportMonthTests
{
    [Fact]
    public void Serialize_DeliveryOfAMonth_RoundTripsWithoutFollowingNextOrPrevious()
    {
        var delivery = new MonthlyReportDelivery(new ReportMonth(2026, 11), MonthlyReportOutcome.Sent, "styrgruppsrapport-2026-11.xlsx");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var json = JsonSerializer.Serialize(delivery, options);

        Assert.DoesNotContain("next", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("previous", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(delivery, JsonSerializer.Deserialize<MonthlyReportDelivery>(json, options));
    }
}

using Dashboard.Statistics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Tests.Statistics;

public sealed class StatisticsFilterParserTests
{
    private static readonly DateOnly Today = new(2024, 6, 15);

    private static (StatisticsFilter? Filter, Dictionary<string, string[]> Errors) Parse(params (string Key, string Value)[] values) =>
        StatisticsFilterParser.Parse(
            new QueryCollection(values.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => new StringValues(g.Select(v => v.Value).ToArray()))),
            Today);

    [Fact]
    public void Parse_NoValues_DefaultsToTheLastTwelveMonths()
    {
        var (filter, errors) = Parse();

        Assert.Empty(errors);
        Assert.Equal((new DateOnly(2023, 6, 16), Today), (filter!.From, filter.To));
    }

    [Fact]
    public void Parse_AllValues_ReadsEachField()
    {
        var (filter, _) = Parse(("from", "2024-01-01"), ("to", "2024-03-31"), ("municipality", "0980"),
            ("ward", "SE2321000222-E000000001001"), ("careType", "psychiatric"), ("needs", "PalliativeCare"), ("needs", "HomeCare"),
            ("compareDate", "2024-02-01"));

        Assert.Equal(new StatisticsFilter(new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 31), "0980", "SE2321000222-E000000001001",
            CareTypes.Psychiatric, 1 | 16, new DateOnly(2024, 2, 1)), filter);
    }

    [Theory]
    [InlineData("from", "2024-13-01", "Från-datum")]
    [InlineData("to", "31/01/2024", "Till-datum")]
    [InlineData("municipality", "Gotland", "Kommun")]
    [InlineData("ward", "avdelning 5", "Avdelning")]
    [InlineData("careType", "Dental", "Vårdform")]
    [InlineData("needs", "Housing", "Behov")]
    [InlineData("compareDate", "igår", "Jämförelsedatum")]
    public void Parse_BadValue_NamesTheFieldInSwedishWithAFix(string field, string value, string swedishName)
    {
        var (filter, errors) = Parse((field, value));

        Assert.Null(filter);
        Assert.Equal([field], errors.Keys);
        // The key stays the query's name (a program reads it); the message names the field as the form does.
        Assert.StartsWith(swedishName + ": ", errors[field][0], StringComparison.Ordinal);
        Assert.Matches("(?i)ange|skriv|tillåtna", errors[field][0]);
    }

    [Fact]
    public void Parse_UnknownNeed_ListsTheCheckboxesByTheirSwedishNames()
    {
        var (_, errors) = Parse(("needs", "Housing"));

        Assert.Contains("Hemtjänst (HomeCare)", errors["needs"][0], StringComparison.Ordinal);
        Assert.Contains("Palliativ vård (PalliativeCare)", errors["needs"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FromAfterTo_ReportsFrom()
    {
        var (_, errors) = Parse(("from", "2024-05-01"), ("to", "2024-04-01"));

        Assert.Contains("före till-datumet", errors["from"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-01-01")]
    [InlineData("2024-04-01")]
    public void Parse_CompareDateOutsidePeriod_ReportsCompareDate(string compare)
    {
        var (_, errors) = Parse(("from", "2024-01-01"), ("to", "2024-03-31"), ("compareDate", compare));

        Assert.Equal(["Jämförelsedatum måste ligga inom perioden 2024-01-02–2024-03-31: efter från-datum och senast till-datum."], errors["compareDate"]);
    }

    [Fact]
    public void Parse_PeriodOverTenYears_SaysTheEarliestFromDate()
    {
        var (_, errors) = Parse(("from", "2010-01-01"), ("to", "2024-03-31"));

        Assert.Equal(["Perioden får vara högst tio år: välj ett från-datum från och med 2014-03-25."], errors["from"]);
        Assert.Empty(Parse(("from", "2014-03-25"), ("to", "2024-03-31")).Errors);
    }
}

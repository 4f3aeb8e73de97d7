using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.EndToEnd;

public sealed class DashboardHttpTests : IAsyncLifetime
{
    private DashboardHost _host = null!;
    private int _outcomes;

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartAsync();
        _outcomes = (await DemoSeed.FillAsync(_host)).Count;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_dashboard_page_shows_every_measure_with_its_definition_and_the_charts()
    {
        var response = await _host.Client.GetAsync("/dashboard" + DemoSeed.YearQuery + "&compareDate=2024-07-01");
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("sv", document.DocumentElement.GetAttribute("lang"));
        foreach (var id in new[] { "kpi-episodes", "kpi-average", "kpi-total-days", "kpi-same-day", "kpi-payment", "kpi-notice", "kpi-sip", "kpi-readmission", "kpi-escalations" })
        {
            var card = document.GetElementById(id);
            Assert.NotNull(card);
            Assert.False(string.IsNullOrWhiteSpace(card.QuerySelector(".definition")?.TextContent), $"{id} has no definition");
            Assert.DoesNotContain("uppgift saknas", card.QuerySelector(".value")!.TextContent, StringComparison.Ordinal);
        }
        var shown = new string(document.GetElementById("kpi-episodes")!.QuerySelector(".value")!.TextContent.Where(char.IsAsciiDigit).ToArray());
        Assert.Equal(_outcomes.ToString(System.Globalization.CultureInfo.InvariantCulture), shown);
        var charts = document.QuerySelectorAll("svg.chart");
        Assert.Equal(["chart-weekly", "chart-monthly", "chart-municipalities", "chart-payment", "chart-acknowledgements"], charts.Select(c => c.Id));
        Assert.All(charts, c => Assert.False(string.IsNullOrWhiteSpace(c.QuerySelector("title")?.TextContent)));
        Assert.All(charts, c => Assert.Equal("img", c.GetAttribute("role")));
        Assert.Contains("Göteborg", document.GetElementById("chart-municipalities")!.TextContent, StringComparison.Ordinal);
        // The compare date is marked in the trend charts and named in their legend.
        Assert.Contains("Jämförelsedatum " + Dashboard.Presentation.Html.Date(new DateOnly(2024, 7, 1)), document.GetElementById("chart-weekly")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(document.GetElementById("compare-summary"));
        Assert.Equal("get", document.QuerySelector("form.filters")!.GetAttribute("method"));
        Assert.Equal("uppgift saknas", document.GetElementById("now-open")!.QuerySelector(".value")!.TextContent);
    }

    [Fact]
    public async Task The_monthly_reports_are_linked_from_the_page_and_the_footer_points_to_nothing_outside_it()
    {
        var document = new HtmlParser().ParseDocument(await _host.Client.GetStringAsync("/dashboard" + DemoSeed.YearQuery));
        var footer = document.QuerySelector("footer")!;

        Assert.NotNull(document.QuerySelector("header a[href='/dashboard/rapporter']"));
        Assert.DoesNotContain("docs/", footer.TextContent, StringComparison.Ordinal);
        var links = footer.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(links);
        // Every footer link is a place on this page.
        Assert.All(links, href => Assert.NotNull(document.GetElementById(href.TrimStart('#'))));
    }

    [Fact]
    public async Task The_acknowledgement_chart_is_in_whole_minutes_as_its_table_and_the_CSV()
    {
        var document = new HtmlParser().ParseDocument(await _host.Client.GetStringAsync("/dashboard" + DemoSeed.YearQuery));
        var chart = document.GetElementById("table-chart-acknowledgements-data")!;
        var full = document.GetElementById("table-kvittenser")!;
        var medianColumn = full.QuerySelectorAll("thead th").Select(th => th.TextContent).ToList().IndexOf("Median (minuter)");

        Assert.Equal("Mediantid (minuter)", chart.QuerySelectorAll("thead th")[1].TextContent);
        var drawn = chart.QuerySelectorAll("tbody tr").Select(r => (r.Children[0].TextContent, r.Children[1].TextContent)).ToList();
        var tabled = full.QuerySelectorAll("tbody tr").Select(r => (r.Children[0].TextContent, r.Children[medianColumn].TextContent)).ToList();
        Assert.NotEmpty(drawn);
        Assert.Equal(tabled, drawn);
        Assert.Matches(@"\d min\s*</text>", document.GetElementById("chart-acknowledgements")!.InnerHtml);
    }

    [Fact]
    public async Task The_page_contains_no_personal_data()
    {
        var html = await _host.Client.GetStringAsync("/dashboard" + DemoSeed.YearQuery);
        var json = await _host.Client.GetStringAsync("/api/statistics" + DemoSeed.YearQuery);
        var outcomes = new Dashboard.Demo.DemoOutcomeGenerator(DemoSeed.Options).Generate().Take(200).ToList();

        Assert.DoesNotMatch(@"\b(19|20)\d{6}-?\d{4}\b", html);
        Assert.All(outcomes, o => Assert.DoesNotContain(o.PatientPseudonym, html, StringComparison.Ordinal));
        Assert.All(outcomes, o => Assert.DoesNotContain(o.PatientPseudonym, json, StringComparison.Ordinal));
        Assert.All(outcomes, o => Assert.DoesNotContain(o.TransitionId, json, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_chart_sits_in_a_figure_with_a_caption_and_the_table_of_its_values()
    {
        var document = new HtmlParser().ParseDocument(await _host.Client.GetStringAsync("/dashboard" + DemoSeed.YearQuery));
        var figures = document.QuerySelectorAll("figure.chart-figure");

        Assert.Equal(5, figures.Length);
        foreach (var figure in figures)
        {
            var svg = figure.QuerySelector("svg.chart")!;
            var caption = figure.QuerySelector("figcaption")!;
            var table = figure.QuerySelector("details table")!;
            Assert.Equal(caption.Id, figure.GetAttribute("aria-labelledby"));
            Assert.StartsWith(svg.QuerySelector("title")!.TextContent, caption.TextContent, StringComparison.Ordinal);
            Assert.Equal($"{svg.Id}-title {svg.Id}-desc", svg.GetAttribute("aria-labelledby"));
            Assert.False(string.IsNullOrWhiteSpace(svg.QuerySelector("desc")?.TextContent));
            Assert.Equal($"table-{svg.Id}-data", table.Id);
            // The chart library's own ids (clip paths) are the chart's, so five charts on one page do not clash.
            Assert.All(svg.QuerySelectorAll("[id]"), e => Assert.StartsWith(svg.Id, e.Id, StringComparison.Ordinal));
        }
        var weeks = document.GetElementById("table-chart-weekly-data")!.QuerySelectorAll("tbody tr");
        Assert.Equal(53, weeks.Length);
        Assert.Equal("v1 2024", weeks[0].Children[0].TextContent);
        var municipalities = document.GetElementById("table-chart-municipalities-data")!.QuerySelectorAll("tbody tr").Select(r => r.Children[0].TextContent).ToList();
        Assert.Contains("Göteborg", municipalities);
        Assert.All(municipalities, m => Assert.Contains(m, document.GetElementById("chart-municipalities")!.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_JSON_API_answers_the_same_filters_in_camelCase()
    {
        var response = await _host.Client.GetAsync("/api/statistics" + DemoSeed.YearQuery + "&careType=Psychiatric&municipality=1480");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Psychiatric", root.GetProperty("filter").GetProperty("careType").GetString());
        Assert.Equal(["Psychiatric"], root.GetProperty("careTypes").EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        Assert.Equal(["1480"], root.GetProperty("municipalities").EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        Assert.True(root.GetProperty("period").GetProperty("readyForDischarge").GetInt64() > 0);
        Assert.Equal(53, root.GetProperty("weekly").GetArrayLength());
        Assert.Equal(12, root.GetProperty("monthly").GetArrayLength());
        Assert.False(root.GetProperty("now").GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task A_bad_filter_value_gets_a_problem_naming_the_field_and_the_fix()
    {
        var response = await _host.Client.GetAsync("/api/statistics?from=2024-02-30&careType=Dental");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("ÅÅÅÅ-MM-DD", errors.GetProperty("from")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Psychiatric", errors.GetProperty("careType")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compare_date_outside_the_period_keeps_the_form_with_a_Swedish_error_beside_the_field()
    {
        var response = await _host.Client.GetAsync("/dashboard?from=2025-12-07&to=2026-12-06&municipality=1480&compareDate=2025-12-06");
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var field = document.GetElementById("f-compareDate")!;
        var message = document.GetElementById(field.GetAttribute("aria-describedby")!)!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        // The form as the user filled it in, the refused field marked, its message next to it.
        Assert.NotNull(document.QuerySelector("form.filters[method=get]"));
        Assert.Equal("2025-12-07", document.GetElementById("f-from")!.GetAttribute("value"));
        Assert.Equal("1480", document.QuerySelector("#f-municipality option[selected]")?.GetAttribute("value"));
        Assert.Equal("2025-12-06", field.GetAttribute("value"));
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Same(field.ParentElement!.ParentElement, message.ParentElement);
        Assert.Equal("Jämförelsedatum måste ligga inom perioden 2025-12-08–2026-12-06: efter från-datum och senast till-datum.", message.TextContent);
        // Announced at once, each error a link to its field; the query's own name is nowhere in what is shown.
        var summary = document.QuerySelector("[role=alert]")!;
        Assert.Equal(["#f-compareDate"], summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain("compareDate", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll(".card"));
    }

    [Fact]
    public async Task A_mistyped_date_on_the_page_comes_back_as_typed_with_its_Swedish_fix()
    {
        var response = await _host.Client.GetAsync("/dashboard?to=igår");
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var field = document.GetElementById("f-to")!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("igår", field.GetAttribute("value"));
        Assert.Equal("text", field.GetAttribute("type"));
        Assert.StartsWith("Till-datum: 'igår' är inget giltigt datum. Skriv datumet som ÅÅÅÅ-MM-DD", document.GetElementById("e-to")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_print_report_has_the_charts_and_tables_but_no_filter_form()
    {
        var document = new HtmlParser().ParseDocument(await _host.Client.GetStringAsync("/dashboard/rapport" + DemoSeed.YearQuery));

        Assert.Null(document.QuerySelector("form"));
        // ScottPlot's PNGs, inline, each with the description as its alt text and its values printed beside it.
        var images = document.QuerySelectorAll("figure > img.chart");
        Assert.Equal(5, images.Length);
        Assert.All(images, i => Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", i.GetAttribute("src"), StringComparison.Ordinal));
        Assert.All(images, i => Assert.Contains("Tabellen vid diagrammet", i.GetAttribute("alt"), StringComparison.Ordinal));
        Assert.All(images, i => Assert.NotNull(i.ParentElement!.QuerySelector("table")));
        Assert.Empty(document.QuerySelectorAll("svg"));
        Assert.NotNull(document.GetElementById("table-kommuner"));
        Assert.Empty(document.QuerySelectorAll("details"));
        Assert.Contains("@media print", document.QuerySelector("style")!.TextContent, StringComparison.Ordinal);
    }
}

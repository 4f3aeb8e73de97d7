namespace Dashboard.Exports;

/// <summary>
/// A table behind a chart: what the page shows under the chart and what CSV and .xlsx export. Cells are
/// strings or numbers (long, double, decimal); null is "uppgift saknas".
/// </summary>
internal sealed record ReportTable(string Id, string Title, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

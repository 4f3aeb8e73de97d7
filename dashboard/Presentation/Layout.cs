namespace Dashboard.Presentation;

/// <summary>The page frame: Swedish, readable without JavaScript, and printable on A4.</summary>
internal static class Layout
{
    public static string Render(string title, string body, bool report) => $"""
        <!DOCTYPE html>
        <html lang="sv">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Html.Encode(title)}</title>
        <style>{Styles}</style>
        </head>
        <body class="{(report ? "report" : "dashboard")}">
        <main>
        {body}
        </main>
        </body>
        </html>
        """;

    // The charts use the same ink and two accents (ChartPalette), and the second series another marker shape, so a black-and-white print still reads.
    private const string Styles = """
        :root { --ink: #1b1f23; --muted: #57606a; --accent: #0b5cad; --accent2: #b35900; --line: #d0d7de; }
        * { box-sizing: border-box; }
        body { font-family: system-ui, "Segoe UI", Arial, sans-serif; color: var(--ink); margin: 0; background: #fff; }
        main { max-width: 1100px; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
        h1 { font-size: 1.6rem; margin: .5rem 0; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
        h3 { font-size: 1.05rem; margin: .25rem 0; }
        .lead, .note { color: var(--muted); }
        form.filters { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: end; padding: .75rem; background: #f6f8fa; border: 1px solid var(--line); }
        form.filters .field { display: flex; flex-direction: column; align-items: flex-start; gap: .2rem; max-width: 100%; }
        form.filters label { display: flex; flex-direction: column; font-size: .85rem; gap: .2rem; }
        form.filters label.check { flex-direction: row; gap: .3rem; }
        form.filters fieldset { border: 0; padding: 0; margin: 0; font-size: .85rem; min-width: 0; }
        .field-error { color: #a40e26; font-size: .85rem; font-weight: 600; max-width: 22rem; }
        [aria-invalid="true"] { border: 2px solid #a40e26; }
        input, select, button { font: inherit; padding: .25rem .4rem; max-width: 100%; }
        button { background: var(--accent); color: #fff; border: 0; padding: .4rem .9rem; cursor: pointer; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: .75rem; margin-top: 1rem; }
        .card { border: 1px solid var(--line); padding: .6rem .75rem; break-inside: avoid; }
        .card .value { font-size: 1.6rem; font-weight: 600; }
        .card .definition { font-size: .8rem; color: var(--muted); margin: .3rem 0 0; }
        figure { margin: 1.25rem 0; break-inside: avoid; }
        figcaption { font-size: .85rem; color: var(--muted); }
        /* Charts are drawn by ScottPlot with their own colours; only their size is the page's. */
        .chart { width: 100%; height: auto; max-width: 900px; display: block; }
        .table-scroll { max-width: 100%; overflow-x: auto; }
        .table-scroll:focus-visible { outline: 2px solid var(--accent); }
        table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0; }
        th, td { border: 1px solid var(--line); padding: .2rem .45rem; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        .exports { font-size: .85rem; }
        .error { border: 2px solid #a40e26; padding: .5rem .75rem; color: #a40e26; margin: 1rem 0; }
        .error a { color: #a40e26; }
        .chart-empty { border: 1px dashed var(--line); padding: 1.5rem; text-align: center; color: var(--muted); margin: 0; }
        details summary { cursor: pointer; color: var(--accent); }
        @media print {
          form.filters, .exports, .no-print, details summary { display: none !important; }
          details { display: block; } details > * { display: block; }
          .table-scroll { overflow: visible; }
          main { max-width: none; padding: 0; } body { font-size: 10pt; }
          h2 { break-after: avoid; } .card { border-color: #999; }
          a { color: inherit; text-decoration: none; }
        }
        """;
}

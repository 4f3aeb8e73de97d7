using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>What every staff page must pass in Chromium, on a phone and on a desktop (the workflow's pages and the dashboard).</summary>
public static class PageChecks
{
    /// <summary>axe-core finds no WCAG 2.1 A/AA violation at 390 and 1280 px (and checked something), and nothing scrolls sideways.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        foreach (var width in new[] { 390, 1280 })
        {
            await page.SetViewportSizeAsync(width, 800);
            var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            Assert.True(axe.Passes.Length > 0, "axe checked nothing");
            Assert.True(axe.Violations.Length == 0, $"{width} px: " + string.Join("; ", axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
            // When it does scroll, the innermost elements past the edge are named: they are what to fix.
            var wide = await page.EvaluateAsync<string[]>(
                "() => document.documentElement.scrollWidth <= window.innerWidth ? [] : [...document.querySelectorAll('body *')]"
                + ".filter(e => e.getBoundingClientRect().right > window.innerWidth && ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth))"
                + ".map(e => e.outerHTML.slice(0, 120))");
            Assert.True(wide.Length == 0, $"{width} px: the page scrolls sideways, widest: {string.Join(" | ", wide.Take(5))}");
        }
    }
}

using System.Text.Json;
using CareTransitions.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>The acknowledgement page in real Chromium (Debian's), found by its accessible names.</summary>
public sealed class BrowserAcknowledgementTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task A_member_of_staff_opens_the_emailed_link_in_a_browser_types_their_name_and_clicks_Kvittera()
    {
        var id = await fixture.Service.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: ["HomeHealthCare"]));
        var email = (await fixture.Mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal) && e.To.StartsWith("hemsjukvard@", StringComparison.Ordinal), 1))[0];

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(email.AckLink);

        Assert.Equal("sv", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Hemsjukvård", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Planera kommunal hemsjukvård", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.GetByLabel("Ditt namn").FillAsync("Greta Gran");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kvittera" }).ClickAsync();

        await page.GetByRole(AriaRole.Status).WaitForAsync();
        Assert.Contains("Greta Gran", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        var status = await fixture.Service.WaitForAsync(id, t => ServiceHost.Units(t).Any(u => u.GetProperty("acknowledgedAt").ValueKind == JsonValueKind.String));
        var unit = ServiceHost.Units(status).Single(u => u.GetProperty("acknowledgedAt").ValueKind == JsonValueKind.String);
        Assert.Equal(("1480-hemsjukvard", "Greta Gran"), (unit.GetProperty("unitId").GetString(), unit.GetProperty("acknowledgedBy").GetString()));
    }

    [Fact]
    public async Task On_a_phone_the_name_field_fits_and_Kvittera_stays_in_view_after_a_validation_message_and_both_pages_meet_WCAG_AA()
    {
        var id = await fixture.Service.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode(), needs: ["HomeHealthCare", "Rehabilitation", "AssistiveDevices"]));
        var email = (await fixture.Mail.WaitForAsync(e => e.MessageId.Contains(id, StringComparison.Ordinal) && e.To.StartsWith("rehab@", StringComparison.Ordinal), 1))[0];
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        await page.GotoAsync(email.AckLink);
        await AssertWcagAaAsync(page, "the form");

        // Spaces pass the browser's own required-check; the service answers with its message and the form again.
        await page.GetByLabel("Ditt namn").FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kvittera" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).WaitForAsync();

        var field = (await page.GetByLabel("Ditt namn").BoundingBoxAsync())!;
        var button = (await page.GetByRole(AriaRole.Button, new() { Name = "Kvittera" }).BoundingBoxAsync())!;
        Assert.Contains("Skriv ditt namn", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(field.X >= 0 && field.X + field.Width <= 390, $"the name field spans {field.X}–{field.X + field.Width} px of 390");
        Assert.True(button.Y + button.Height <= 844, $"Kvittera ends at {button.Y + button.Height} px, below the 844 px screen");
        var widest = await page.EvaluateAsync<string>("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 390).map(e => e.tagName + ':' + Math.round(e.getBoundingClientRect().right) + ':' + e.textContent.slice(0, 60)).join(' | ')");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") == 390, "wider than the screen: " + widest);
        await AssertWcagAaAsync(page, "the form with its message");
    }

    private static async Task AssertWcagAaAsync(IPage page, string what)
    {
        foreach (var width in new[] { 390, 1280 })
        {
            await page.SetViewportSizeAsync(width, 844);
            var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            Assert.True(axe.Passes.Length > 0, "axe checked nothing");
            Assert.True(axe.Violations.Length == 0, $"{what}, {width} px: " + string.Join("; ", axe.Violations.Select(v => $"{v.Id}: {v.Help}")));
        }

        await page.SetViewportSizeAsync(390, 844);
    }
}

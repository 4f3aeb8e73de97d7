using System.Text.Json;
using CareTransitions.Tests.Infrastructure;
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
}

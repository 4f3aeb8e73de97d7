using Microsoft.Playwright;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>
/// One OpenID provider, one maildev and one service (Production, SQLite) signing in at that provider, per test class;
/// and Debian's Chromium through Playwright, a fresh browser context (no cookies) per <see cref="NewPageAsync"/>.
/// </summary>
public sealed class SignInFixture : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    public OidcProvider Provider { get; private set; } = null!;

    public Maildev Mail { get; private set; } = null!;

    public ServiceHost Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        this.Provider = await OidcProvider.StartAsync();
        this.Mail = await Maildev.StartAsync();
        this.Service = await ServiceHost.StartAsync(this.Mail, this.Provider.ServiceSettings);
        this.playwright = await Playwright.CreateAsync();
        this.browser = await this.playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A page in a browser context of its own: nobody is signed in there yet.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await this.browser!.NewContextAsync(new() { Locale = "sv-SE" });
        return await context.NewPageAsync();
    }

    /// <summary>Fills in the provider's login form (its development form takes any password) as <paramref name="user"/>.</summary>
    public static async Task SignInAtProviderAsync(IPage page, string user)
    {
        await page.Locator("input[name=login]").FillAsync(user);
        await page.Locator("input[name=password]").FillAsync("valfritt-lösenord");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public async Task DisposeAsync()
    {
        if (this.browser is not null)
        {
            await this.browser.DisposeAsync();
        }
        this.playwright?.Dispose();
        await this.Service.DisposeAsync();
        await this.Mail.DisposeAsync();
        await this.Provider.DisposeAsync();
    }
}

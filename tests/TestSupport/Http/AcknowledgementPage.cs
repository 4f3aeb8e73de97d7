using System.Net;
using AngleSharp.Html.Parser;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>An opened acknowledgement page with its form (hidden fields and cookie), ready to submit.</summary>
public sealed class AcknowledgementPage : IDisposable
{
    private readonly HttpClient client;
    private readonly Uri action;
    private readonly List<KeyValuePair<string, string>> hidden;

    private AcknowledgementPage(HttpClient client, Uri action, List<KeyValuePair<string, string>> hidden, string html)
    {
        this.client = client;
        this.action = action;
        this.hidden = hidden;
        this.Html = html;
    }

    public string Html { get; }

    public static async Task<AcknowledgementPage> OpenAsync(string link)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        var html = await client.GetStringAsync(link);
        var form = new HtmlParser().ParseDocument(html).QuerySelector("form")
            ?? throw new InvalidOperationException("No form on the acknowledgement page: " + html);
        var hidden = form.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? string.Empty)).ToList();
        return new AcknowledgementPage(client, new Uri(new Uri(link), form.GetAttribute("action")), hidden, html);
    }

    /// <summary>Posts the form, to the service that served the page or to another instance at <paramref name="baseUrl"/>.</summary>
    public async Task<(HttpStatusCode Status, string Html)> SubmitAsync(string name, string? baseUrl = null)
    {
        var action = baseUrl is null ? this.action : new Uri(new Uri(baseUrl), this.action.PathAndQuery);
        using var response = await this.client.PostAsync(action, new FormUrlEncodedContent(this.hidden.Append(new("name", name))));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => this.client.Dispose();
}

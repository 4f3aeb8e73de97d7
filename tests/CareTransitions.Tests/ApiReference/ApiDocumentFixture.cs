using System.Text.Json;
using CareTransitions.Tests.Infrastructure;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace CareTransitions.Tests.ApiReference;

/// <summary>One running service (in Production: the reference is served in every environment) and its OpenAPI document, read once.</summary>
public sealed class ApiDocumentFixture : ServiceFixture, IAsyncLifetime
{
    public OpenApiDocument Document { get; private set; } = null!;

    public OpenApiDiagnostic Diagnostic { get; private set; } = null!;

    /// <summary>The same document as plain JSON, for the example checks that walk schemas by hand.</summary>
    public JsonElement Json { get; private set; }

    protected override string[] Settings => ["--environment=Production"];

    async Task IAsyncLifetime.InitializeAsync()
    {
        await this.InitializeAsync();
        // Anonymous on purpose: the document is documentation, no key needed.
        using var http = new HttpClient { BaseAddress = new Uri(this.Service.BaseUrl) };
        var text = await http.GetStringAsync("/openapi/v1.json");
        this.Json = JsonDocument.Parse(text).RootElement.Clone();
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        var read = await OpenApiDocument.LoadAsync(stream, "json", new OpenApiReaderSettings());
        this.Document = read.Document!;
        this.Diagnostic = read.Diagnostic!;
    }
}

namespace CareTransitions.Functions.Tests.Infrastructure;

internal static class TestSettings
{
    public const string ApiKey = "test-api-key-0123456789";

    /// <summary>Both hosts give the same PublicBaseUrl, so the URLs in their answers can be compared.</summary>
    public const string PublicBaseUrl = "https://care.example";

    public static readonly string PseudonymKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
}

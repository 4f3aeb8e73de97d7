using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CareTransitions.Storage;

/// <summary>
/// The data-protection key ring in the shared database (PostgreSQL only). Instances behind one address must
/// share it: the acknowledgement form's antiforgery token is made by the instance that served the page and
/// checked by whichever instance receives the POST.
/// </summary>
internal sealed class DataProtectionKeyStore(AppDatabase database) : IXmlRepository
{
    // The interface is synchronous; it is called when the key ring is loaded (at start, then about daily)
    // and when a key is made (every 90 days), so blocking a thread-pool thread here costs nothing.
    public IReadOnlyCollection<XElement> GetAllElements() => Task.Run(async () =>
    {
        await using var connection = await database.OpenAsync();
        return await connection.QueryAsync("SELECT xml FROM data_protection_keys ORDER BY id", null, r => XElement.Parse(r.GetString(0)));
    }).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => Task.Run(async () =>
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@FriendlyName, @Xml)",
            new { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
    }).GetAwaiter().GetResult();
}

namespace BenchmarkSeeding;

/// <summary>
/// Inhabitants of the units directory's municipalities, rounded to the thousand (SCB, end of 2023, approximately): how
/// many patients a municipality receives follows how many live there, so a benchmark weighted by it gives Stockholm and
/// Göteborg the long lists their coordinators will have, not an even share of 56.
/// </summary>
internal static class MunicipalityPopulation
{
    public static readonly IReadOnlyDictionary<string, int> Thousands = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["1401"] = 39, ["1402"] = 40, ["1407"] = 13, ["1415"] = 28, ["1419"] = 16, ["1421"] = 15, ["1427"] = 9, ["1430"] = 11,
        ["1435"] = 13, ["1438"] = 5, ["1439"] = 7, ["1440"] = 32, ["1441"] = 43, ["1442"] = 12, ["1443"] = 10, ["1444"] = 6,
        ["1445"] = 6, ["1446"] = 7, ["1447"] = 5, ["1452"] = 12, ["1460"] = 9, ["1461"] = 9, ["1462"] = 14, ["1463"] = 35,
        ["1465"] = 11, ["1466"] = 10, ["1470"] = 16, ["1471"] = 13, ["1472"] = 11, ["1473"] = 9, ["1480"] = 604, ["1481"] = 71,
        ["1482"] = 48, ["1484"] = 14, ["1485"] = 57, ["1486"] = 13, ["1487"] = 40, ["1488"] = 60, ["1489"] = 42, ["1490"] = 115,
        ["1491"] = 25, ["1492"] = 12, ["1493"] = 25, ["1494"] = 40, ["1495"] = 19, ["1496"] = 57, ["1497"] = 9, ["1498"] = 13,
        ["1499"] = 34, ["0980"] = 61, ["0140"] = 12, ["0128"] = 18, ["0181"] = 101, ["0180"] = 988, ["1286"] = 31, ["1290"] = 87,
    };
}

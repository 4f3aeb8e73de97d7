namespace Dashboard.Demo;

/// <summary>A synthetic ward (avdelning) at a real hospital; the HSA-ids are made up.</summary>
internal sealed record DemoWard(string HsaId, string Name, bool Psychiatric);

/// <summary>Municipalities with rough populations (for weights) and the hospital their patients mostly use.</summary>
internal static class DemoDirectory
{
    private static readonly (string Hospital, string HsaPrefix, string[] Municipalities)[] Hospitals =
    [
        ("Sahlgrenska", "SE2321000131", ["1480", "1481", "1401", "1402", "1407"]),
        ("Kungälv", "SE2321000131", ["1482"]),
        ("NÄL", "SE2321000131", ["1488", "1487", "1462", "1461", "1460", "1492", "1438", "1439", "1444", "1440"]),
        ("Uddevalla", "SE2321000131", ["1485", "1484", "1430", "1427", "1435", "1486", "1421", "1419", "1415"]),
        ("SÄS Borås", "SE2321000131", ["1490", "1463", "1491", "1443", "1465", "1452", "1466", "1442"]),
        ("Alingsås", "SE2321000131", ["1489", "1441", "1445"]),
        ("Skaraborg", "SE2321000131", ["1496", "1493", "1494", "1495", "1497", "1498", "1499", "1470", "1471", "1472", "1473", "1446", "1447"]),
        ("Visby", "SE2321000222", ["0980"]),
        ("Södertälje", "SE2321000016", ["0181", "0140", "0128"]),
        ("Ystad", "SE2321000255", ["1286"]),
        ("Kristianstad", "SE2321000255", ["1290"]),
    ];

    private static readonly Dictionary<string, int> Population = new()
    {
        ["1480"] = 600_000, ["1490"] = 115_000, ["0181"] = 100_000, ["1290"] = 86_000, ["1481"] = 70_000,
        ["0980"] = 61_000, ["1488"] = 60_000, ["1485"] = 57_000, ["1496"] = 57_000, ["1482"] = 48_000,
        ["1441"] = 43_000, ["1489"] = 42_000, ["1402"] = 40_000, ["1487"] = 40_000, ["1494"] = 40_000,
        ["1401"] = 39_000, ["1463"] = 35_000, ["1499"] = 33_000, ["1440"] = 32_000, ["1286"] = 31_000,
        ["1415"] = 27_000, ["1491"] = 24_000, ["1493"] = 24_000, ["0128"] = 17_000, ["1419"] = 16_000,
        ["1421"] = 15_000, ["1470"] = 16_000, ["1484"] = 14_000, ["1462"] = 14_000, ["1407"] = 13_000,
        ["1435"] = 13_000, ["1471"] = 13_000, ["1486"] = 13_000, ["1492"] = 13_000, ["1495"] = 15_000,
        ["0140"] = 11_000, ["1498"] = 13_000, ["1472"] = 11_000, ["1466"] = 9_500, ["1442"] = 12_000,
    };

    public static readonly IReadOnlyList<(string Code, double Weight, DemoWard[] Wards)> Municipalities = Build();

    private static List<(string, double, DemoWard[])> Build()
    {
        var result = new List<(string, double, DemoWard[])>();
        for (var h = 0; h < Hospitals.Length; h++)
        {
            var (hospital, prefix, municipalities) = Hospitals[h];
            DemoWard Ward(int n, string name, bool psychiatric) =>
                new($"{prefix}-E{(h + 1) * 1000 + n:000000000000}", $"{hospital} {name}", psychiatric);
            DemoWard[] wards =
            [
                Ward(1, "Medicin", false), Ward(2, "Geriatrik", false), Ward(3, "Ortopedi", false), Ward(9, "Psykiatri", true),
            ];
            foreach (var code in municipalities)
            {
                result.Add((code, Population.GetValueOrDefault(code, 8_000), wards));
            }
        }
        return result;
    }
}

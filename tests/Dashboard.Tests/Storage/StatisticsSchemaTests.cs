using System.Data.Common;
using Dashboard.Storage;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Storage.Migrations;
using Testing.Storage;

namespace Dashboard.Tests.Storage;

/// <summary>The statistics store's schema: carried on from what earlier releases left, refused when newer, checked by readiness.</summary>
public sealed class StatisticsSchemaTests
{
    /// <summary>The version this release migrates to: each new script moves it, the assertions stay.</summary>
    private static readonly int Latest = Dashboard.Storage.StatisticsSchema.For(postgres: false).LatestVersion;

    [Theory]
    [MemberData(nameof(TempStatistics.Providers), MemberType = typeof(TempStatistics))]
    public async Task MigrateAsync_SchemaOfANewerRelease_IsRefusedSayingWhatToDo(string provider)
    {
        await using var store = await TempStatistics.CreateAsync(provider);
        using (var connection = store.Database.Open())
        {
            Execute(connection, $"INSERT INTO {VersionTable(provider)} VALUES (7, '2027-01-01')");
        }

        using var older = store.NewDatabase();
        var refused = await Assert.ThrowsAsync<SchemaTooNewException>(() => older.MigrateAsync(CancellationToken.None));

        Assert.StartsWith("the statistics store (", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"schema version 7, newer than this release knows ({Latest}): run the release that migrated it", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)] // a statistics.db from before versions were counted
    [InlineData(1)]
    public async Task MigrateAsync_StatisticsDbOfAnEarlierRelease_CarriesOnFromItsUserVersionToAFreshStoresSchema(int userVersion)
    {
        await using var earlier = await TempStatistics.CreateAsync(TempStatistics.Sqlite, migrate: false);
        using (var connection = earlier.Database.Open())
        {
            // What earlier releases left: version 1's script (the same text as Schema/Sqlite), counted in user_version only.
            Execute(connection, StatisticsSchema.For(postgres: false).Scripts[0].Sql + $"PRAGMA user_version = {userVersion}; UPDATE meta SET value = 41 WHERE key = 'seq';");
        }

        await earlier.Database.MigrateAsync(CancellationToken.None);
        await earlier.Database.MigrateAsync(CancellationToken.None);

        await using var fresh = await TempStatistics.CreateAsync(TempStatistics.Sqlite);
        var schema = await SchemaSnapshot.OfSqliteAsync(fresh.DatabasePath);
        Assert.Contains("CREATE TABLE outcome_units", schema, StringComparison.Ordinal);
        Assert.Equal(schema, await SchemaSnapshot.OfSqliteAsync(earlier.DatabasePath));
        Assert.Equal((Latest, Latest), await earlier.Database.SchemaVersionAsync(CancellationToken.None));
        using var check = earlier.Database.Open();
        Assert.Equal(41L, Scalar(check, "SELECT value FROM meta WHERE key = 'seq'"));
    }

    [Fact]
    public async Task MigrateAsync_PostgresSchemaOfAnEarlierRelease_IsLeftAsItIsAndEqualsAFreshOne()
    {
        await using var earlier = await TempStatistics.CreateAsync(TempStatistics.Postgres, migrate: false);
        using (var connection = earlier.Database.Open())
        {
            // What an earlier release left: its version table, version 1's tables (search path: statistics) and row.
            Execute(connection,
                "CREATE SCHEMA statistics; CREATE TABLE statistics.schema_versions (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());"
                + StatisticsSchema.For(postgres: true).Scripts[0].Sql
                + "INSERT INTO statistics.schema_versions (version) VALUES (1);");
        }

        await earlier.Database.MigrateAsync(CancellationToken.None);

        await using var fresh = await TempStatistics.CreateAsync(TempStatistics.Postgres);
        var schema = await SchemaSnapshot.OfPostgresAsync(fresh.PostgresConnectionString!, "statistics");
        Assert.Contains("outcome_units_pkey | PRIMARY KEY (outcome_id, ordinal)", schema, StringComparison.Ordinal);
        Assert.Equal(schema, await SchemaSnapshot.OfPostgresAsync(earlier.PostgresConnectionString!, "statistics"));
        using var check = earlier.Database.Open();
        Assert.Equal((long)Latest, Scalar(check, "SELECT count(*) FROM statistics.schema_versions"));
        Assert.Equal(StatisticsSchema.PostgresMigrationLock, Scalar(check, "SELECT hashtext('care-transitions statistics schema')"));
    }

    [Theory]
    [MemberData(nameof(TempStatistics.Providers), MemberType = typeof(TempStatistics))]
    public async Task MigrateAsync_OutcomesRecordedBeforeTheSipCallWasAnEvent_LeaveTheSipMeasure(string provider)
    {
        // An outcome of version 1 whose SIP "call" was primary care's acknowledgement, counted as on time.
        await using var earlier = await TempStatistics.CreateAsync(provider, migrate: false);
        var postgres = provider == TempStatistics.Postgres;
        using (var connection = earlier.Database.Open())
        {
            Execute(connection, postgres
                ? "CREATE SCHEMA statistics; CREATE TABLE statistics.schema_versions (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());"
                    + StatisticsSchema.For(postgres: true).Scripts[0].Sql + "INSERT INTO statistics.schema_versions (version) VALUES (1);"
                : StatisticsSchema.For(postgres: false).Scripts[0].Sql + "PRAGMA user_version = 1;");
            Execute(connection, $"""
                INSERT INTO {(postgres ? "statistics." : "")}outcomes (transition_id, seq, patient_pseudonym, municipality_code, ward_hsa_id, ward_name,
                    care_type, needs, payment_rule, ready_at, sip_called_at, completed_at, end_day, end_year, end_month, end_week, days_ready,
                    payment_days, withdrawals, is_ready, is_discharged, ready_discharged, same_day, has_notice, notice_on_time, sip_required, sip_on_time)
                VALUES ('t-old', 0, 'p', '1480', 'SE1', 'Avd', 0, 1, 'Default3Days', '2024-01-10T09:00:00+01:00', '2024-01-10T11:00:00+01:00',
                    '2024-01-16T09:00:00+01:00', 19737, 2024, 202401, 202402, 5, 2, 0, 1, 1, 1, 0, 1, 1, 1, 1)
                """);
        }

        await earlier.Database.MigrateAsync(CancellationToken.None);

        using var check = earlier.Database.Open();
        var table = postgres ? "statistics.outcomes" : "outcomes";
        Assert.Equal(0L, Scalar(check, $"SELECT sip_required + sip_on_time + sip_call_recorded FROM {table} WHERE transition_id = 't-old'"));
        Assert.Equal(1L, Scalar(check, $"SELECT count(*) FROM {table} WHERE sip_called_at IS NOT NULL"));
    }

    [Theory]
    [MemberData(nameof(TempStatistics.Providers), MemberType = typeof(TempStatistics))]
    public async Task CheckHealthAsync_StoreBehindThisRelease_IsUnhealthyNamingBothVersions(string provider)
    {
        await using var store = await TempStatistics.CreateAsync(provider);
        var check = new StatisticsStoreHealthCheck(store.Database);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        // As a backup from before version 1 restored under the running dashboard.
        using (var connection = store.Database.Open())
        {
            Execute(connection, $"DELETE FROM {VersionTable(provider)}");
        }

        var result = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal($"not migrated: schema version 0, this dashboard needs {Latest}", result.Description);
    }

    private static string VersionTable(string provider) => provider == TempStatistics.Postgres ? "statistics.schema_versions" : "schema_versions";

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

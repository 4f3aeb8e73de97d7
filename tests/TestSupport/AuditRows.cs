using System.Data.Common;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>The audit log of a running host's app store, counted by action.</summary>
public static class AuditRows
{
    /// <param name="open">Opens the app store (the host's <c>AppDatabase.OpenAsync</c>).</param>
    public static async Task<long> CountAsync(Func<Task<DbConnection>> open, string action)
    {
        ArgumentNullException.ThrowIfNull(open);
        await using var connection = await open();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_log WHERE action = @action";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@action";
        parameter.Value = action;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

using System.Data.Common;
using CareTransitions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>The audit log of a running host's app store, counted by action.</summary>
public static class AuditRows
{
    public static async Task<long> CountAsync(IServiceProvider services, string action)
    {
        await using var connection = await services.GetRequiredService<AppDatabase>().OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_log WHERE action = @action";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@action";
        parameter.Value = action;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

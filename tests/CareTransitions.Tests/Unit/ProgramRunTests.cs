using CareTransitions.Configuration.Validation;
using CareTransitions.Storage;
using Durable.Backend.Storage;
using Microsoft.Extensions.Options;
using Platform.Hosting;

namespace CareTransitions.Tests.UnitTests;

/// <summary>The one start-up rule of the three programs: a refused start's exit code and its lines on stderr.</summary>
[Collection(nameof(ConsoleErrorCollection))]
public sealed class ProgramRunTests
{
    public static TheoryData<string, int, string> Refusals => new()
    {
        { "incompatible", ExitCodes.IncompatibleStore, "prog: durable.db belongs to the earlier engine" },
        { "unavailable", ExitCodes.StoreUnavailable, "prog: the database cannot be reached" },
        { "configuration", ExitCodes.StoreUnavailable, "prog: Storage:Provider is \"Postgres\" but ConnectionStrings:Postgres is empty" },
        { "settings", ExitCodes.Settings, "prog: Smtp:Port='x' is not a port" },
        { "options", ExitCodes.Settings, "prog: Durable:LeaseDuration must be above zero" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_start_exits_with_its_code_and_says_why_in_one_line(string kind, int code, string line)
    {
        Exception refusal = kind switch
        {
            "incompatible" => new IncompatibleStoreException("durable.db belongs to the earlier engine"),
            "unavailable" => new StoreUnavailableException("the database cannot be reached"),
            "configuration" => new StorageConfigurationException("Storage:Provider is \"Postgres\" but ConnectionStrings:Postgres is empty"),
            "settings" => new InvalidSettingsException(["Smtp:Port='x' is not a port"]),
            _ => new OptionsValidationException("Durable", typeof(object), ["Durable:LeaseDuration must be above zero"]),
        };
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        int exit;
        try
        {
            exit = await ProgramRun.RunAsync("prog", () => throw refusal);
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(code, exit);
        Assert.Equal([line], error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_run_that_ends_exits_0_and_a_bug_is_not_mistaken_for_a_refusal()
    {
        Assert.Equal(0, await ProgramRun.RunAsync("prog", () => Task.CompletedTask));
        await Assert.ThrowsAsync<InvalidOperationException>(() => ProgramRun.RunAsync("prog", () => throw new InvalidOperationException("a bug")));
    }
}

/// <summary>Tests that redirect the process's stderr run one at a time.</summary>
[CollectionDefinition(nameof(ConsoleErrorCollection), DisableParallelization = true)]
public sealed class ConsoleErrorCollection;

namespace Durable.Backend.Tests.Isolation;

/// <summary>
/// Tests that measure the process (managed memory) or kill processes on a timing: they run after the parallel
/// tests, one at a time, so no other test's allocations or CPU load skew what they see.
/// </summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;

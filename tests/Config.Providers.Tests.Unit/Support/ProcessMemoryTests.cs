namespace Config.Providers.Tests.Support;

/// <summary>
/// Tests that bound what the whole process allocates while a file is read (the read is asynchronous, so the
/// allocations are not on one thread). Beside the parallel tests — the fuzzer, the budget tests that build tens of
/// megabytes on purpose — that count includes their work: a 1 GiB sparse file was once "refused after allocating more
/// than 256 MiB" that were not its own. So xunit runs this collection alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryTests
{
    public const string Name = "Process-wide allocation measured";
}

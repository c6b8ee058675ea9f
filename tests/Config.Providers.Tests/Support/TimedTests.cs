namespace Config.Providers.Tests.Support;

/// <summary>
/// Tests that assert how soon something happens on the wall clock (a progress line every second, a retry within
/// seconds). Run beside hundreds of others, a starved thread pool delays timer callbacks by a second or more — a
/// fault of the test process, not of the code — so xunit runs this collection alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedTests
{
    public const string Name = "Timed on the wall clock";
}

namespace Config.Providers.Tests.Support;

/// <summary>
/// Tests that build the library in Release (pack, AOT publish) share its obj folder, so they must not run at the
/// same time; and a native compile takes both cores for a minute, which would starve the timed Consul tests. So
/// xunit runs this collection alone, after the others, one test after another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReleaseBuilds
{
    public const string Name = "Release builds of the library";
}

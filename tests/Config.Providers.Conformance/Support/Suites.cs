using Config.Providers.Tests.Support;

namespace Config.Providers.Conformance.Support;

/// <summary>Where the vendored suites are (suites/README.md says where each came from).</summary>
internal static class Suites
{
    public static string Directory(string suite) =>
        Path.Combine(RepositoryRoot.Path, "tests", "Config.Providers.Conformance", "suites", suite);
}

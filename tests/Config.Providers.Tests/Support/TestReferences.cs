using Microsoft.CodeAnalysis;

namespace Config.Providers.Tests.Support;

/// <summary>What code compiled inside a test can reference: the framework and every assembly next to the tests.</summary>
public static class TestReferences
{
    private static readonly Lazy<MetadataReference[]> All = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            .DistinctBy(Path.GetFileName)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    public static MetadataReference[] Value => All.Value;
}

using Config.Providers.Files;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.VersionedFiles;

/// <summary>One document of a versioned folder: the watched-file rules (debounce, retries, versions) for that file.</summary>
internal sealed class VersionedFileSource : WatchedFileSource
{
    /// <summary>Where the document is mounted: <c>{product}:{key}</c>.</summary>
    public required string Prefix { get; init; }

    public override IConfigurationProvider Build(IConfigurationBuilder builder) => new VersionedFileProvider(this, Path);
}

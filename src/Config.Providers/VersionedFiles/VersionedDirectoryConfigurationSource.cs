using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Config.Providers.VersionedFiles;

/// <summary>
/// A folder of versioned documents, as serf-handler's configuration service writes them: <c>{product}/{key}.json</c>
/// (or <c>.yaml</c>/<c>.yml</c>), each holding a version and the values, mounted at <c>{product}:{key}:…</c>. Per file,
/// an older version never replaces a newer one.
/// </summary>
public sealed class VersionedDirectoryConfigurationSource : IConfigurationSource
{
    /// <summary>The folder. A relative path is resolved against the builder's base path, else the app's directory.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>The key in each file holding its version, consumed (not exposed). Default: <c>_version</c>.</summary>
    public string VersionKey { get; set; } = "_version";

    /// <summary>Whether a missing folder is fine at startup. Default: false.</summary>
    public bool Optional { get; set; }

    /// <summary>Whether files that appear, change and disappear are followed. Default: true.</summary>
    public bool ReloadOnChange { get; set; } = true;

    /// <summary>How long to wait after a change before reading. Default: 250 ms.</summary>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Whether a product folder or document that is a symbolic link to somewhere outside <see cref="Path"/> is read.
    /// Default: false — such a link is left out and reported (sources health check, event 201): whoever can write into
    /// the folder must not make the service read any file it can reach.
    /// </summary>
    public bool FollowLinksOutside { get; set; }

    /// <summary>The clock for reload delays and retries.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where reload problems are logged; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return new VersionedDirectoryConfigurationProvider(this, Files.ConfigurationFilePaths.Resolve(builder, Path, nameof(VersionedDirectoryConfigurationSource)));
    }
}

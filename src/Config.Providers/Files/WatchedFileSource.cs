using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Config.Providers.Files;

/// <summary>Settings shared by the file sources: where the file is, and how changes to it are picked up.</summary>
public abstract class WatchedFileSource : IConfigurationSource
{
    /// <summary>The file. A relative path is resolved against the builder's base path (<c>SetBasePath</c>), else the app's directory.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Whether a missing file is fine at startup (then the source is empty until the file appears).</summary>
    public bool Optional { get; set; }

    /// <summary>Whether to reload when the file changes (written in place, replaced by rename, deleted and recreated).</summary>
    public bool ReloadOnChange { get; set; }

    /// <summary>How long to wait after a change before reading, so a burst of writes is read once. Default: 250 ms.</summary>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How many times to retry, with doubling delays, when a changed file cannot be parsed (a half-written file). Default: 5.</summary>
    public int RetriesOnInvalidFile { get; set; } = 5;

    /// <summary>Files larger than this are refused rather than read into memory. Default: 16 MiB.</summary>
    public long MaxFileSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// A configuration key holding the file's version (a number, a version such as <c>1.2.3</c>, or an ISO 8601 timestamp).
    /// When set, a changed file whose version is older than the loaded one is ignored, so a late writer with stale data
    /// never replaces newer data; one without a version, or with one that cannot be ordered against the loaded one, is
    /// refused. Timestamps compare as instants, never as strings. Null (default): every valid file is taken.
    /// </summary>
    public string? VersionKey { get; set; }

    /// <summary>The clock for reload delays and retries.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Set where the file is usually absent (dotCloud's default path off dotCloud): not watching it is logged at Debug.</summary>
    internal bool AbsenceExpected { get; set; }

    /// <summary>Where reload problems are logged; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <inheritdoc />
    public abstract IConfigurationProvider Build(IConfigurationBuilder builder);

    /// <summary>The absolute path of <see cref="Path"/> for this builder.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <returns>The full path.</returns>
    protected string ResolvePath(IConfigurationBuilder builder) => ConfigurationFilePaths.Resolve(builder, Path, GetType().Name);
}

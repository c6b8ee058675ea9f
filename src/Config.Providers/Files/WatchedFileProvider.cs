using Config.Providers.Core;
using Config.Providers.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace Config.Providers.Files;

/// <summary>
/// The file handling shared by the file providers. The first load fails loudly (a missing required file, a
/// malformed one). After that, changes are watched and debounced, and a reload never throws into the app:
/// a file that cannot be read or parsed, has disappeared, or carries an older version keeps the last good data
/// (logged with path, line and column), and an unparseable file is retried, since it may be half-written.
/// Consumers are signalled only when the data actually changed.
/// </summary>
internal abstract class WatchedFileProvider : ConfigurationProvider, IConfigurationOrigins, ISourceStatusProvider, IDisposable
{
    private readonly WatchedFileSource source;
    private readonly ILogger logger;
    private readonly SourceStatus status;
    private readonly ReloadScheduler reloads;
    private ParsedFile? current;
    private PhysicalFileProvider? watcher;
    private IDisposable? watchRegistration;
    private int retries;
    private bool loaded;
    private int disposed;

    /// <summary>Creates the provider for the file at <paramref name="fullPath"/>.</summary>
    /// <param name="source">The source settings.</param>
    /// <param name="fullPath">The resolved absolute path.</param>
    private protected WatchedFileProvider(WatchedFileSource source, string fullPath)
    {
        this.source = source;
        FullPath = fullPath;
        logger = source.LoggerFactory?.CreateLogger(GetType()) ?? NullLogger.Instance;
        status = new SourceStatus(SourceKind, source.Path, source.TimeProvider);
        reloads = new ReloadScheduler(ReloadAsync, () => ChangeListeners.Raise(OnReload, logger, source.Path), e =>
        {
            // A bug in a parser: still never escapes the timer, and the file is looked at again.
            KeptLastGood($"{e.GetType().Name} while reloading");
            ScheduleRetry();
        }, source.TimeProvider);
    }

    SourceStatus ISourceStatusProvider.Status => status;

    /// <summary>The kind of file for metrics tags (<c>env_file</c>, <c>yaml</c>, <c>dotcloud</c>).</summary>
    internal virtual string SourceKind => "file";

    /// <summary>The absolute path of the file.</summary>
    public string FullPath { get; }

    /// <summary>Parses the file's text. Throws <see cref="ConfigurationFormatException"/> when it is malformed.</summary>
    /// <param name="text">The file content.</param>
    /// <returns>Keys, values and origins.</returns>
    private protected abstract ParsedFile Parse(string text);

    /// <inheritdoc />
    public override void Load()
    {
        if (loaded)
        {
            // IConfigurationRoot.Reload(): the same rules as a reload on change, done when this returns.
            SyncOverAsync.Run(_ => reloads.RequestAndWaitAsync());
            return;
        }

        SourceMetrics.Request(status);
        var parsed = ReadAndParse(FileText.Read(FullPath, source.Path, source.MaxFileSize));
        Apply(parsed);
        status.Synced();
        loaded = true;
        StartWatching();
    }

    /// <inheritdoc />
    public bool TryGetOrigin(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? origin)
    {
        return (current ?? ParsedFile.Empty).Origins.TryDescribe(key, out origin);
    }

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name} for '{source.Path}'";

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops watching.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        watchRegistration?.Dispose();
        watcher?.Dispose();
        reloads.Dispose();
        status.Dispose();
    }

    private ParsedFile ReadAndParse(string? text)
    {
        if (text is null)
        {
            if (!source.Optional)
            {
                throw new FileNotFoundException($"The configuration file '{source.Path}' was not found (looked for {FullPath}).", FullPath);
            }

            return ParsedFile.Empty;
        }

        CheckSize(text.Length);
        var parsed = Parse(text);
        foreach (var warning in parsed.Warnings)
        {
            FileLog.ParseWarning(logger, warning);
        }

        return parsed;
    }

    private void CheckSize(long length)
    {
        if (length > source.MaxFileSize)
        {
            throw new ConfigurationFormatException(source.Path, 1, 1, $"the file is {length} bytes; the limit is {source.MaxFileSize} (WatchedFileSource.MaxFileSize)");
        }
    }

    private void Apply(ParsedFile parsed)
    {
        current = parsed;
        status.Warned(parsed.Warnings);
        Data = new Dictionary<string, string?>(parsed.Data, StringComparer.OrdinalIgnoreCase);
    }

    private void StartWatching()
    {
        if (!source.ReloadOnChange)
        {
            return;
        }

        var directory = Path.GetDirectoryName(FullPath)!;
        if (!Directory.Exists(directory))
        {
            if (source.AbsenceExpected)
            {
                FileLog.NotWatchingExpected(logger, source.Path, $"the directory {directory} does not exist");
            }
            else
            {
                FileLog.NotWatching(logger, source.Path, $"the directory {directory} does not exist");
            }

            return;
        }

        // ExclusionFilters.None: the default filters hide dot files, and ".env" is one.
        watcher = new PhysicalFileProvider(directory, ExclusionFilters.None);
        var name = Path.GetFileName(FullPath);
        watchRegistration = ChangeToken.OnChange(() => watcher.Watch(name), OnFileChanged);
    }

    private void OnFileChanged()
    {
        retries = 0;
        reloads.Schedule(source.ReloadDelay);
    }

    private void ScheduleRetry()
    {
        if (retries < source.RetriesOnInvalidFile)
        {
            reloads.Schedule(source.ReloadDelay * Math.Pow(2, ++retries));
        }
    }

    /// <summary>One reload, run by <see cref="reloads"/>: never throws for a file that cannot be read or used.</summary>
    private async ValueTask<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        string? text;
        SourceMetrics.Request(status);
        try
        {
            text = await FileText.ReadAsync(FullPath, source.Path, source.MaxFileSize, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            text = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ConfigurationFormatException)
        {
            // Malformed or unreadable: the last good data stays. The message names path, line and column, never a value.
            KeptLastGood(e is ConfigurationFormatException ? e.Message : $"{source.Path}: {e.Message}");
            ScheduleRetry();
            return false;
        }

        return Take(text);
    }

    /// <summary>A reload that could not be used: logged, counted, and reported stale until a good one.</summary>
    /// <summary>Keeps the loaded data after a reload that cannot be taken: a malformed file (retried) or a refused version.</summary>
    private void KeptLastGood(string reason, bool versionRefused = false)
    {
        SourceMetrics.Failure(status);
        SourceMetrics.Reload(status, applied: false);
        status.Stale(source.Path, reason);
        if (versionRefused)
        {
            FileLog.VersionRefused(logger, source.Path, reason);
        }
        else
        {
            FileLog.InvalidKeptLastGood(logger, source.Path, reason);
        }
    }

    /// <summary>Decides what a reload read means: missing, malformed, older, unchanged, or new data. True when the data changed.</summary>
    private bool Take(string? text)
    {
        if (text is null)
        {
            // Deleted, or between the delete and rename of an atomic replace: the recreate will be seen.
            status.Stale(source.Path, "the file is missing; serving its last good data");
            FileLog.MissingKeptLastGood(logger, source.Path);
            return false;
        }

        ParsedFile parsed;
        try
        {
            parsed = ReadAndParse(text);
        }
        catch (ConfigurationFormatException e)
        {
            KeptLastGood(e.Message);
            ScheduleRetry();
            return false;
        }

        retries = 0;
        status.Synced();
        switch (CompareVersion(parsed, out var version, out var loadedVersion))
        {
            case < 0:
                // The data served is the newest seen: nothing is stale.
                status.Recovered(source.Path);
                FileLog.OlderVersionIgnored(logger, source.Path, version!, loadedVersion!);
                return false;

            case null:
                // Cannot tell which is newer (say, a timestamp after a number): taking it could put old data back.
                KeptLastGood($"its version {version ?? "(none)"} cannot be ordered against the loaded version {loadedVersion} (integers, dotted versions and ISO 8601 timestamps can)", versionRefused: true);
                return false;
        }

        status.Recovered(source.Path);
        if (current is not null && parsed.Data.SameAs(current.Data))
        {
            return false;
        }

        Apply(parsed);
        SourceMetrics.Reload(status, applied: true);
        FileLog.Reloaded(logger, source.Path, parsed.Data.Count);
        return true;
    }

    /// <summary>
    /// The new file's version against the loaded one's (see <see cref="FileVersions"/>): 1 when there is nothing to
    /// compare (no version key, nothing loaded yet), null when the new file lost its version or the two cannot be ordered.
    /// </summary>
    private int? CompareVersion(ParsedFile next, out string? version, out string? loadedVersion)
    {
        version = loadedVersion = null;
        if (source.VersionKey is not { } key || current is null || !current.Data.TryGetValue(key, out loadedVersion) || loadedVersion is null)
        {
            return 1;
        }

        return next.Data.TryGetValue(key, out version) && version is not null ? FileVersions.Compare(version, loadedVersion) : null;
    }
}

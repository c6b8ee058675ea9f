using Config.Providers.Core;
using Config.Providers.Diagnostics;
using Config.Providers.Files;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace Config.Providers.VersionedFiles;

/// <summary>
/// Reads every <c>{product}/{key}.json|.yaml|.yml</c> under a folder. Each document is one watched file with the
/// shared rules (versions compared as numbers, dotted versions or instants; an older one ignored, one that loses its
/// version refused; malformed files retried and their last good data kept); this provider adds and drops documents as
/// files appear and disappear, mounts them, and hides the version key. One watcher for the whole folder.
/// </summary>
internal sealed class VersionedDirectoryConfigurationProvider : ConfigurationProvider, IConfigurationOrigins, ISourceStatusGroup, IDisposable
{
    private static readonly string[] Extensions = [".json", ".yaml", ".yml"];

    private readonly VersionedDirectoryConfigurationSource source;
    private readonly ILogger logger;
    private readonly object gate = new();
    private readonly SourceStatus folderStatus;
    private Dictionary<string, Document> documents = new(StringComparer.Ordinal);
    private Dictionary<string, VersionedFileProvider> owners = new(StringComparer.OrdinalIgnoreCase);
    private readonly ReloadScheduler reloads;
    private PhysicalFileProvider? watcher;
    private IDisposable? watchRegistration;
    private int scanPending;
    private bool loaded;
    private bool disposed;

    internal VersionedDirectoryConfigurationProvider(VersionedDirectoryConfigurationSource source, string root)
    {
        this.source = source;
        Root = root;
        logger = source.LoggerFactory?.CreateLogger<VersionedDirectoryConfigurationProvider>() ?? NullLogger<VersionedDirectoryConfigurationProvider>.Instance;
        folderStatus = new SourceStatus("versioned_folder", Root, source.TimeProvider);
        reloads = new ReloadScheduler(ReloadAsync, () => ChangeListeners.Raise(OnReload, logger, source.Path), e => FileLog.InvalidKeptLastGood(logger, Root, $"{e.GetType().Name} while reading the folder"), source.TimeProvider);
    }

    /// <summary>The folder's own status (listing it, files that could not be added), then each document's.</summary>
    IReadOnlyList<SourceStatus> ISourceStatusGroup.Statuses
    {
        get
        {
            lock (gate)
            {
                return [folderStatus, .. documents.Values.Select(d => ((ISourceStatusProvider)d.Provider).Status)];
            }
        }
    }

    /// <summary>The folder's absolute path.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public override void Load()
    {
        if (loaded)
        {
            // IConfigurationRoot.Reload(): look at the folder again now, done when this returns.
            Volatile.Write(ref scanPending, 1);
            SyncOverAsync.Run(_ => reloads.RequestAndWaitAsync());
            return;
        }

        if (!Directory.Exists(Root))
        {
            if (!source.Optional)
            {
                throw new DirectoryNotFoundException($"The versioned configuration folder '{Root}' does not exist and is not optional.");
            }
        }
        else
        {
            // The first read is strict: a malformed document, or one without its version, stops the host.
            Scan(initial: true);
            _ = Rebuild();
        }

        loaded = true;
        StartWatching();
    }

    /// <inheritdoc />
    public bool TryGetOrigin(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? origin)
    {
        origin = null;
        return owners.TryGetValue(key, out var owner) && owner.TryGetOrigin(key, out origin);
    }

    /// <inheritdoc />
    public override string ToString() => $"{nameof(VersionedDirectoryConfigurationProvider)} for '{source.Path}'";

    /// <inheritdoc />
    public void Dispose()
    {
        Dictionary<string, Document> open;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            open = documents;
            documents = new(StringComparer.Ordinal);
        }

        watchRegistration?.Dispose();
        watcher?.Dispose();
        reloads.Dispose();
        folderStatus.Dispose();
        foreach (var document in open.Values)
        {
            document.Dispose();
        }
    }

    private void StartWatching()
    {
        if (!source.ReloadOnChange)
        {
            return;
        }

        // The folder may appear later: watch from its parent then, as the file providers do for their directory.
        var watched = Directory.Exists(Root) ? Root : Path.GetDirectoryName(Root);
        if (watched is null || !Directory.Exists(watched))
        {
            return;
        }

        var pattern = watched == Root ? "**/*" : Path.GetFileName(Root) + "/**/*";
        watcher = new PhysicalFileProvider(watched, ExclusionFilters.None);
        watchRegistration = ChangeToken.OnChange(() => watcher.Watch(pattern), () =>
        {
            Volatile.Write(ref scanPending, 1);
            reloads.Schedule(source.ReloadDelay);
        });
    }

    /// <summary>
    /// One pass, run by <see cref="reloads"/> (one at a time, the latest request winning): the folder listed again when
    /// a file event or <c>Reload()</c> asked for it, then the documents' data merged.
    /// </summary>
    private ValueTask<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref scanPending, 0) == 1)
        {
            try
            {
                Scan(initial: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The folder itself could not be listed (removed, permissions): the documents read stay.
                folderStatus.Stale(Root, $"the folder cannot be listed; the documents read stay: {e.Message}");
                FileLog.InvalidKeptLastGood(logger, Root, e.Message);
            }
        }

        return ValueTask.FromResult(Rebuild());
    }

    /// <summary>Adds documents for new files, drops those whose files are gone, and re-reads the others.</summary>
    private void Scan(bool initial)
    {
        var outside = new List<string>();
        var found = Directory.Exists(Root)
            ? Directory.EnumerateDirectories(Root)
                .Where(product => Inside(product, outside))
                .SelectMany(product => Directory.EnumerateFiles(product).Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)))
                .Where(file => Inside(file, outside))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
        foreach (var link in outside)
        {
            // The health first, then the log (once per link): whoever acts on the log finds the health saying so.
            var first = !folderStatus.Problems.Any(p => p.Part == link);
            folderStatus.Stale(link, "not read: a symbolic link to outside the folder (FollowLinksOutside)");
            if (first)
            {
                FileLog.InvalidKeptLastGood(logger, link, "a symbolic link to outside the folder is not read (FollowLinksOutside)");
            }
        }

        Dictionary<string, Document> current;
        lock (gate)
        {
            current = new(documents, StringComparer.Ordinal);
        }

        var next = new Dictionary<string, Document>(StringComparer.Ordinal);
        foreach (var file in found)
        {
            if (current.Remove(file, out var existing))
            {
                // The shared rules: version order, last good data on a malformed file, retries.
                existing.Provider.Load();
                next[file] = existing;
                continue;
            }

            var product = Path.GetFileName(Path.GetDirectoryName(file)!);
            var document = new Document(new VersionedFileProvider(new VersionedFileSource
            {
                Path = file,
                Prefix = ConfigurationKeys.Join(product, Path.GetFileNameWithoutExtension(file)),
                VersionKey = source.VersionKey,
                Optional = true,
                ReloadDelay = source.ReloadDelay,
                TimeProvider = source.TimeProvider,
                LoggerFactory = source.LoggerFactory,
            }, file));
            try
            {
                document.Provider.Load();
            }
            catch (Exception e) when (!initial && e is ConfigurationFormatException or IOException or UnauthorizedAccessException)
            {
                // A file still being written, gone again, or wrong: its next change brings it back here.
                folderStatus.Stale(file, $"not added: {e.Message}");
                FileLog.InvalidKeptLastGood(logger, file, e.Message);
                document.Dispose();
                continue;
            }

            folderStatus.Recovered(file);

            document.Subscribe(reloads.Request);
            next[file] = document;
        }

        lock (gate)
        {
            if (disposed)
            {
                current = next;
            }
            else
            {
                documents = next;
            }
        }

        folderStatus.Recovered(Root);
        folderStatus.RetainOnly(part => part == Root || found.Contains(part, StringComparer.Ordinal) || outside.Contains(part, StringComparer.Ordinal));
        folderStatus.Synced();

        // Files that disappeared (or everything, when disposed meanwhile).
        foreach (var gone in current.Values)
        {
            gone.Dispose();
        }
    }

    private IEnumerable<string> RootForms()
    {
        // The folder as configured, and where it leads when it is itself a link.
        yield return Path.GetFullPath(Root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (new DirectoryInfo(Root).ResolveLinkTarget(returnFinalTarget: true) is { } resolved)
        {
            yield return resolved.FullName.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        }
    }

    /// <summary>
    /// Whether <paramref name="path"/> stays inside the folder: not a link, or a link whose final target is inside, or
    /// links outside allowed. A link out is added to <paramref name="outside"/>.
    /// </summary>
    private bool Inside(string path, List<string> outside)
    {
        if (source.FollowLinksOutside)
        {
            return true;
        }

        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (info.LinkTarget is null)
        {
            return true;
        }

        var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        if (target is not null && RootForms().Any(root => Path.GetFullPath(target).StartsWith(root, StringComparison.Ordinal)))
        {
            return true;
        }

        outside.Add(path);
        return false;
    }

    /// <summary>Merges the documents' data (without their version keys); true when it changed.</summary>
    private bool Rebuild()
    {
        List<Document> open;
        lock (gate)
        {
            open = [.. documents.Values];
        }

        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var keyOwners = new Dictionary<string, VersionedFileProvider>(StringComparer.OrdinalIgnoreCase);
        foreach (var document in open)
        {
            foreach (var (key, value) in document.Provider.Snapshot)
            {
                if (!key.Equals(source.VersionKey, StringComparison.OrdinalIgnoreCase))
                {
                    data[key] = value;
                    keyOwners[key] = document.Provider;
                }
            }
        }

        bool changed;
        lock (gate)
        {
            changed = !disposed && !data.SameAs(Data);
            if (changed)
            {
                Data = data;
                owners = keyOwners;
            }
        }

        return changed;
    }

    /// <summary>One file's provider and the subscription to its reloads.</summary>
    private sealed class Document(VersionedFileProvider provider) : IDisposable
    {
        private IDisposable? subscription;

        public VersionedFileProvider Provider { get; } = provider;

        public void Subscribe(Action changed) => subscription = ChangeToken.OnChange(Provider.GetReloadToken, changed);

        public void Dispose()
        {
            subscription?.Dispose();
            Provider.Dispose();
        }
    }
}

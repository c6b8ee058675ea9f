using Config.Providers.Diagnostics;
using Config.Providers.Files;
using Config.Providers.Threading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Config.Providers.Consul;

/// <summary>
/// Reads layered Consul folders into configuration and keeps them current with one blocking query per folder.
/// Follows the rules a correct Consul client follows (docs/providers/consul.md): folder listing with a trailing
/// <c>/</c>, an index that goes back resets to 0 and an index of 0 becomes 1, a return is not a change (content is
/// compared), at least <see cref="ConsulKvSource.MinimumInterval"/> between queries, 404 means empty, exponential
/// backoff with jitter on errors, and a clean stop on dispose.
/// </summary>
public sealed class ConsulKvProvider : ConfigurationProvider, IConfigurationOrigins, IDisposable
{
    private readonly ConsulKvSource source;
    private readonly ConsulLocation location;
    private readonly ConsulHttpClient client;
    private readonly ILogger logger;
    private readonly Dictionary<string, IReadOnlyList<ConsulKvEntry>> folders = new(StringComparer.Ordinal);
    private readonly object gate = new();
    private readonly ConsulWatches watches = new();
    private readonly Dictionary<string, ulong> folderIndexes = new(StringComparer.Ordinal);
    private KeyOrigins origins = new();
    private bool loaded;

    /// <summary>Creates the provider; Consul is located now, contacted on <see cref="Load"/>.</summary>
    /// <param name="source">The source settings.</param>
    public ConsulKvProvider(ConsulKvSource source)
    {
        this.source = source;
        location = source.Location ?? ConsulLocator.Locate(source);
        client = new ConsulHttpClient(location.Options, source.HttpClient);
        logger = source.LoggerFactory?.CreateLogger<ConsulKvProvider>() ?? (ILogger)NullLogger.Instance;
        if (location.Options.Tls.InsecureSkipVerify)
        {
            ConsulLog.InsecureTls(logger, location.Options.ToString());
        }
    }

    /// <summary>Where Consul was found, and how.</summary>
    public ConsulLocation Location => location;

    /// <summary>True while running from the snapshot because Consul has not answered since startup.</summary>
    public bool IsDegraded { get; private set; }

    /// <inheritdoc />
    public override void Load()
    {
        if (loaded)
        {
            return;
        }

        // IConfigurationProvider.Load is synchronous by contract; the I/O inside is async.
        SyncOverAsync.Run(LoadAsync);
        loaded = true;
        if (source.ReloadOnChange)
        {
            foreach (var folder in source.Folders)
            {
                watches.Start(token => WatchAsync(folder, token));
            }
        }
    }

    /// <inheritdoc />
    public bool TryGetOrigin(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? origin)
    {
        return origins.TryDescribe(key, out origin);
    }

    /// <inheritdoc />
    public override string ToString() => $"Consul KV at {location.Options} ({string.Join(", ", source.Folders)})";

    /// <inheritdoc />
    public void Dispose()
    {
        watches.Stop();
        client.Dispose();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var time = source.TimeProvider;
        var started = time.GetTimestamp();
        var attempt = 0;
        while (true)
        {
            attempt++;
            try
            {
                // The folders are independent: read them at once.
                var names = source.Folders;
                var results = await Task.WhenAll(names.Select(folder => client.ListAsync(folder, cancellationToken: cancellationToken))).ConfigureAwait(false);
                for (var i = 0; i < results.Length; i++)
                {
                    folders[names[i]] = results[i].Value;
                    folderIndexes[names[i]] = Math.Max(results[i].Index, 1);
                }

                Publish(signal: false);
                return;
            }
            catch (ConsulException e)
            {
                var elapsed = time.GetElapsedTime(started);
                if (elapsed >= source.StartupTimeout)
                {
                    if (source.SnapshotPath is { } path && ConsulSnapshot.TryRead(path) is { } snapshot)
                    {
                        ConsulLog.UsingSnapshot(logger, location.Options.ToString(), source.StartupTimeout.TotalSeconds, path);
                        foreach (var (folder, entries) in snapshot)
                        {
                            folders[folder] = entries;
                        }

                        IsDegraded = true;
                        Publish(signal: false, writeSnapshot: false);
                        return;
                    }

                    throw new ConsulException(
                        $"Consul at {location.Options} (found via {location.Origin}) did not answer within {source.StartupTimeout.TotalSeconds:0.#} s " +
                        $"while reading {string.Join(", ", source.Folders)}: {e.Message}",
                        e.StatusCode,
                        e);
                }

                ConsulLog.Waiting(logger, location.Options.ToString(), location.Origin, attempt, elapsed.TotalSeconds, source.StartupTimeout.TotalSeconds, e.Message);
                var delay = ConsulRetry.Delay(attempt, source.MaximumBackoff);
                var left = source.StartupTimeout - elapsed;
                await Task.Delay(delay < left ? delay : left, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WatchAsync(string folder, CancellationToken cancellationToken)
    {
        var time = source.TimeProvider;
        var index = IsDegraded ? 0 : folderIndexes.GetValueOrDefault(folder, 0UL);
        var failures = 0;
        var lastQuery = long.MinValue;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Never more often than MinimumInterval, however fast Consul returns.
                if (lastQuery != long.MinValue && time.GetElapsedTime(lastQuery) is var since && since < source.MinimumInterval)
                {
                    await Task.Delay(source.MinimumInterval - since, time, cancellationToken).ConfigureAwait(false);
                }

                lastQuery = time.GetTimestamp();
                ConsulQueryResult<IReadOnlyList<ConsulKvEntry>> result;
                try
                {
                    result = await client.ListAsync(folder, index, source.WaitTime, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Consul down, a proxy's junk, a bug: log at a sane rate, back off, keep the last good values.
                    failures++;
                    var delay = ConsulRetry.Delay(failures, source.MaximumBackoff);
                    if (ConsulRetry.ShouldLog(failures))
                    {
                        ConsulLog.WatchFailing(logger, folder, location.Options.ToString(), failures, delay.TotalSeconds, e.Message);
                    }

                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (failures > 0 || IsDegraded)
                {
                    ConsulLog.Recovered(logger, location.Options.ToString(), folder);
                    failures = 0;
                }

                if (result.Index < index)
                {
                    // A snapshot restore or a restarted agent: start over and read the folder afresh.
                    ConsulLog.IndexReset(logger, folder, index, result.Index);
                    index = 0;
                    continue;
                }

                index = Math.Max(result.Index, 1);
                try
                {
                    Take(folder, result.Value);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A bug or an unforeseen value must not end the watch: keep the last good values, say why.
                    ConsulLog.InvalidValue(logger, folder, $"{e.GetType().Name}: {e.Message}");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>A blocking query's return is not a change: compare the content before signalling.</summary>
    private void Take(string folder, IReadOnlyList<ConsulKvEntry> entries)
    {
        lock (gate)
        {
            IsDegraded = false;
            if (folders.TryGetValue(folder, out var previous) && SameEntries(previous, entries))
            {
                return;
            }

            var before = folders.GetValueOrDefault(folder);
            folders[folder] = entries;
            try
            {
                Publish(signal: true);
                ConsulLog.Changed(logger, folder, entries.Count);
            }
            catch (ConsulValueException e)
            {
                if (before is null)
                {
                    folders.Remove(folder);
                }
                else
                {
                    folders[folder] = before;
                }

                ConsulLog.InvalidValue(logger, folder, e.Message);
            }
        }
    }

    /// <summary>Maps every folder (later folders win) into configuration, and signals when the result differs.</summary>
    private void Publish(bool signal, bool writeSnapshot = true)
    {
        var data = new Dictionary<string, string?>(folders.Values.Sum(f => f.Count), StringComparer.OrdinalIgnoreCase);
        var newOrigins = new KeyOrigins();
        foreach (var folder in source.Folders)
        {
            if (folders.TryGetValue(folder, out var entries))
            {
                ConsulKvMapper.Map(folder, entries, data, newOrigins);
            }
        }

        var changed = !data.SameAs(Data);
        origins = newOrigins;
        Data = data;
        if (writeSnapshot && source.SnapshotPath is { } path)
        {
            try
            {
                ConsulSnapshot.Write(path, folders);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ConsulLog.SnapshotFailed(logger, path, e.Message);
            }
        }

        if (signal && changed)
        {
            OnReload();
        }
    }

    private static bool SameEntries(IReadOnlyList<ConsulKvEntry> a, IReadOnlyList<ConsulKvEntry> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Key == p.Second.Key && (p.First.Value ?? []).AsSpan().SequenceEqual(p.Second.Value ?? []));
}

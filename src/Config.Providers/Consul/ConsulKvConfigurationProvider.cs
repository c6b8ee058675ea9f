using Config.Providers.Core;
using Config.Providers.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Config.Providers.Consul;

/// <summary>
/// Reads layered Consul folders into configuration and keeps them current with one blocking query per folder
/// (<see cref="ConsulWatchLoop{T}"/> holds the rules every watch follows). A key whose value cannot be read (not
/// UTF-8, a malformed document) is rejected alone after startup: it keeps its last good value, is logged and reported
/// by the sources health check, and every other key keeps flowing. <see cref="IConfigurationRoot.Reload"/> re-reads
/// every folder at once.
/// </summary>
internal sealed partial class ConsulKvConfigurationProvider : ConfigurationProvider, IConfigurationOrigins, ISourceStatusProvider, IDisposable
{
    private readonly ConsulKvConfigurationSource source;
    private readonly ConsulLocation location;
    private readonly ConsulHttpClient client;
    private readonly ILogger logger;
    private readonly SourceStatus status;
    private readonly ConsulWatches watches = new();
    private readonly object gate = new();
    private readonly ConsulResetGuard resetGuard = new();
    private readonly object snapshotGate = new();

    // Under gate: each folder's last answer (to tell a change from a return), its last good entries by key (what is
    // served, and what a bad key falls back to), and the index startup read it at.
    private readonly Dictionary<string, IReadOnlyList<ConsulKvEntry>> answers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, ConsulKvEntry>> good = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> startIndexes = new(StringComparer.Ordinal);
    private readonly HashSet<(string Key, ulong ModifyIndex)> reportedBadKeys = [];
    private KeyOrigins origins = new();
    private bool loaded;

    // Quiescence (SettleTime): when the first change not yet applied arrived, and the timer that applies it.
    private readonly ReloadScheduler settled;
    private bool unsettled;

    /// <summary>Creates the provider; Consul is located now, contacted on <see cref="Load"/>.</summary>
    /// <param name="source">The source settings.</param>
    public ConsulKvConfigurationProvider(ConsulKvConfigurationSource source)
    {
        this.source = source;
        location = source.Location ?? ConsulLocator.Locate(source);
        client = new ConsulHttpClient(location.Options, source.HttpClient);
        logger = source.LoggerFactory?.CreateLogger<ConsulKvConfigurationProvider>() ?? (ILogger)NullLogger.Instance;
        status = new SourceStatus("consul_kv", $"Consul KV at {location.Options}", source.TimeProvider);
        settled = new ReloadScheduler(_ => ValueTask.FromResult(ApplySettled()), () => ChangeListeners.Raise(OnReload, logger, "Consul KV (settled)"), e => ConsulLog.ApplyFailed(logger, "(settled)", e.GetType().Name), source.TimeProvider);
        if (location.Options.Tls.InsecureSkipVerify)
        {
            ConsulLog.InsecureTls(logger, location.Options.ToString());
        }
    }

    /// <summary>Where Consul was found, and how.</summary>
    internal ConsulLocation Location => location;

    /// <summary>True while running from the snapshot because Consul has not answered since startup.</summary>
    public bool IsDegraded { get; private set; }

    SourceStatus ISourceStatusProvider.Status => status;

    /// <summary>
    /// The first call reads every folder (waiting up to <see cref="ConsulKvConfigurationSource.StartupTimeout"/>) and starts the
    /// watches; a later call (<see cref="IConfigurationRoot.Reload"/>) re-reads every folder at once, keeping the last
    /// good values when Consul does not answer.
    /// </summary>
    public override void Load()
    {
        if (loaded)
        {
            SyncOverAsync.Run(RefreshAsync);
            return;
        }

        // IConfigurationProvider.Load is synchronous by contract; the I/O inside is async.
        SyncOverAsync.Run(LoadAsync);
        loaded = true;
        if (source.ReloadOnChange)
        {
            var timing = new ConsulWatchTiming(source.WaitTime, source.MinimumInterval, source.MaximumBackoff, source.TimeProvider);

            // One probe for all the folders: while they fail, Consul gets its small request, not theirs.
            var first = source.Reads.Count > 0 ? source.Reads[0] : string.Empty;
            var probeFolder = first.EndsWith('/') ? first : first[..(first.LastIndexOf('/') + 1)];
            var probe = new ConsulRecoveryProbe(
                token =>
                {
                    SourceMetrics.Request(status, "probe");
                    return client.ProbeAsync(probeFolder, token);
                },
                source.MaximumBackoff,
                source.TimeProvider);
            foreach (var folder in source.Reads)
            {
                var start = IsDegraded ? 0 : startIndexes.GetValueOrDefault(folder);
                var loop = new ConsulWatchLoop<IReadOnlyList<ConsulKvEntry>>(
                    folder,
                    (index, wait, token) => client.ReadAsync(folder, index, wait, token),
                    (entries, step) => Take(folder, entries, signal: true, step),
                    timing,
                    location.Options.ToString(),
                    logger,
                    status,
                    probe,
                    token => client.ReadConsistentAsync(folder, token));
                watches.Start(token => loop.RunAsync(start, token));
            }
        }
    }

    /// <inheritdoc />
    public bool TryGetOrigin(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? origin)
    {
        return origins.TryDescribe(key, out origin);
    }

    /// <inheritdoc />
    public override string ToString() => $"Consul KV at {location.Options} ({string.Join(", ", source.Reads)})";

    /// <inheritdoc />
    public void Dispose()
    {
        settled.Dispose();
        watches.Stop();
        client.Dispose();
        status.Dispose();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var time = source.TimeProvider;
        var started = time.GetTimestamp();
        var attempt = 0;

        // A hung Consul fails no attempt for a while: say what is awaited whenever nothing was said for a second.
        using var progress = new ConsulStartupProgress(time, () => ConsulLog.Waiting(
            logger, location.Options.ToString(), location.Origin, Volatile.Read(ref attempt), time.GetElapsedTime(started).TotalSeconds,
            source.StartupTimeout.TotalSeconds, $"no complete answer yet while reading {string.Join(", ", source.Reads)}"));
        while (true)
        {
            Interlocked.Increment(ref attempt);
            var left = source.StartupTimeout - time.GetElapsedTime(started);

            using var attemptDeadline = ConsulRetry.StartupAttempt(left, source.StartupTimeout, cancellationToken);
            SourceMetrics.Request(status);
            try
            {
                // The folders are independent: read them at once.
                var names = source.Reads;
                var results = await Task.WhenAll(names.Select(folder => client.ReadAsync(folder, cancellationToken: attemptDeadline.Token))).ConfigureAwait(false);
                var snapshot = source.HoldFoldersEmptiedByReset ? ReadSnapshotQuietly() : null;
                var held = new List<(string Folder, ConsulIndexStep Step, int Before, int Now)>();
                lock (gate)
                {
                    for (var i = 0; i < results.Length; i++)
                    {
                        var entries = results[i].Value;

                        // The snapshot is what this service last saw: a Consul whose index is behind it and that lost
                        // most of a folder's keys was rebuilt or restored, so start from the snapshot for that folder.
                        if (snapshot is not null && snapshot.TryGetValue(names[i], out var kept) && kept.Count > 0)
                        {
                            var step = new ConsulIndexStep(kept.Max(e => e.ModifyIndex), results[i].Index);
                            if (resetGuard.Judge(names[i], kept.Count, entries.Count, step) == ConsulResetGuard.Verdict.HoldNew)
                            {
                                held.Add((names[i], step, kept.Count, entries.Count));
                                entries = kept;
                            }
                        }

                        answers[names[i]] = entries;
                        startIndexes[names[i]] = results[i].Index;
                    }

                    // Strict at startup: a key that cannot be read fails the start, naming the key.
                    Publish(strict: true);
                }

                foreach (var (folder, step, before, now) in held)
                {
                    status.Stale(HeldPart(folder), $"Consul's index is behind the snapshot's and the folder would lose {before - now} of its {before} keys: serving the snapshot's values until a write moves the index past {step.Current}");
                    ConsulLog.ResetHeld(logger, folder, step.Previous, step.Current, before - now, before);
                }

                status.Synced();
                WriteSnapshot();
                return;
            }
            catch (Exception e) when (e is ConsulException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                SourceMetrics.Failure(status);
                var reason = e is ConsulException ? e.Message : $"Consul at {location.Options} sent no complete answer in time";
                var elapsed = time.GetElapsedTime(started);
                if (elapsed >= source.StartupTimeout)
                {
                    if (TryStartFromSnapshot())
                    {
                        return;
                    }

                    throw new ConsulException(
                        $"Consul at {location.Options} (found via {location.Origin}) did not answer within {source.StartupTimeout.TotalSeconds:0.#} s " +
                        $"while reading {string.Join(", ", source.Reads)}: {reason}",
                        (e as ConsulException)?.StatusCode,
                        e);
                }

                progress.Said();
                ConsulLog.Waiting(logger, location.Options.ToString(), location.Origin, attempt, elapsed.TotalSeconds, source.StartupTimeout.TotalSeconds, reason);
                var delay = ConsulRetry.Delay(attempt, ConsulRetry.Ceiling(e, source.MaximumBackoff));
                var remaining = source.StartupTimeout - elapsed;
                await Task.Delay(delay < remaining ? delay : remaining, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary><see cref="IConfigurationRoot.Reload"/>: every folder read at once, non-blocking, within the request timeout.</summary>
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var names = source.Reads;
        SourceMetrics.Request(status);
        try
        {
            var results = await Task.WhenAll(names.Select(folder => client.ReadAsync(folder, cancellationToken: cancellationToken))).ConfigureAwait(false);
            for (var i = 0; i < results.Length; i++)
            {
                // The root that called Load raises its own change token afterwards.
                _ = Take(names[i], results[i].Value, signal: false);
            }

            status.Synced();
        }
        catch (ConsulException e)
        {
            SourceMetrics.Failure(status);
            ConsulLog.RefreshFailed(logger, location.Options.ToString(), e.Message);
        }
    }
}

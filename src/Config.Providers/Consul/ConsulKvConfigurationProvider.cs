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

    /// <summary>
    /// A blocking query's return is not a change: compare the answer before publishing. With <see cref="ConsulKvConfigurationSource.SettleTime"/>
    /// a change (from a watch) is held until the folders have been quiet, then applied with everything that came meanwhile.
    /// </summary>
    /// <returns>Whether the answer differs from the folder's last one.</returns>
    private bool Take(string folder, IReadOnlyList<ConsulKvEntry> entries, bool signal, ConsulIndexStep step = default)
    {
        Publication publication;
        ConsulResetGuard.Verdict verdict;
        bool held;
        var before = 0;
        lock (gate)
        {
            IsDegraded = false;
            before = answers.TryGetValue(folder, out var previous) ? previous.Count : 0;
            verdict = source.HoldFoldersEmptiedByReset ? resetGuard.Judge(folder, before, entries.Count, step) : ConsulResetGuard.Verdict.Apply;
        }

        // Said outside the lock (logging runs the host's code); the folder's data is untouched while held.
        if (verdict is ConsulResetGuard.Verdict.HoldNew or ConsulResetGuard.Verdict.StillHeld)
        {
            if (verdict == ConsulResetGuard.Verdict.HoldNew)
            {
                // The health first, then the log: whoever acts on the log (an alert, a test) finds the health saying so.
                status.Stale(HeldPart(folder), $"Consul's index went back and the folder would lose {before - entries.Count} of its {before} keys: its last values stay until a write moves the index past {step.Current}");
                ConsulLog.ResetHeld(logger, folder, step.Previous, step.Current, before - entries.Count, before);
            }

            return false;
        }

        if (verdict == ConsulResetGuard.Verdict.Confirmed)
        {
            status.Recovered(HeldPart(folder));
            ConsulLog.ResetConfirmed(logger, folder, step.Current, entries.Count);
        }

        lock (gate)
        {
            if (answers.TryGetValue(folder, out var previous) && SameEntries(previous, entries))
            {
                return false;
            }

            answers[folder] = entries;
            held = signal && source.SettleTime > TimeSpan.Zero;
            unsettled = held;
            publication = held ? default : Publish(strict: false);
        }

        if (held)
        {
            // Held until the folders have been quiet for SettleTime, never longer than MaxSettleTime (4 × by default).
            settled.Schedule(source.SettleTime, source.MaxSettleTime > TimeSpan.Zero ? source.MaxSettleTime : source.SettleTime * 4);
            return true;
        }

        Announce(publication, folder, signal);
        return true;
    }

    /// <summary>The health check's name for a folder held by <see cref="ConsulResetGuard"/>.</summary>
    private static string HeldPart(string folder) => folder + " (held after an index reset)";

    /// <summary>Publishes the changes held for quiet time (run by <see cref="settled"/>, which signals); true when the data changed.</summary>
    private bool ApplySettled()
    {
        Publication publication;
        lock (gate)
        {
            if (!unsettled)
            {
                return false;
            }

            unsettled = false;
            publication = Publish(strict: false);
        }

        Announce(publication, "(settled)", signal: false);
        return publication.Changed;
    }

    /// <summary>Logs, metrics, the snapshot and the change signal of a publication: all after the lock is released.</summary>
    private void Announce(Publication publication, string folder, bool signal)
    {
        Report(publication);
        if (publication.Changed)
        {
            SourceMetrics.Reload(status, applied: publication.BadKeys.Count == 0);
            ConsulLog.Changed(logger, folder, Data.Count);
            WriteSnapshot();
            if (signal)
            {
                ChangeListeners.Raise(OnReload, logger, $"Consul KV {folder}");
            }
        }
        else if (publication.BadKeys.Count > 0)
        {
            SourceMetrics.Reload(status, applied: false);
        }
    }

    /// <summary>
    /// Maps every folder (later folders win) into new data, under <see cref="gate"/>. Strict: a bad key throws. Otherwise
    /// a bad key is served from its last good entry (or left out when it never had one) and listed.
    /// </summary>
    private Publication Publish(bool strict)
    {
        var data = new Dictionary<string, string?>(answers.Values.Sum(f => f.Count), StringComparer.OrdinalIgnoreCase);
        var newOrigins = new KeyOrigins();
        var badKeys = new List<(ConsulKvEntry Entry, string Reason)>();
        foreach (var folder in source.Reads)
        {
            if (!answers.TryGetValue(folder, out var entries))
            {
                continue;
            }

            var lastGood = good.GetValueOrDefault(folder);
            var firstBad = badKeys.Count;
            if (strict)
            {
                ConsulKvMapper.Map(folder, entries, data, newOrigins);
            }
            else
            {
                ConsulKvMapper.Map(folder, entries, data, newOrigins, (entry, e) =>
                {
                    badKeys.Add((entry, e.Message));
                    return lastGood?.GetValueOrDefault(entry.Key);
                });
            }

            var nowGood = new Dictionary<string, ConsulKvEntry>(entries.Count, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                nowGood[entry.Key] = entry;
            }

            for (var i = firstBad; i < badKeys.Count; i++)
            {
                var key = badKeys[i].Entry.Key;
                if (lastGood?.GetValueOrDefault(key) is { } kept)
                {
                    nowGood[key] = kept;
                }
                else
                {
                    nowGood.Remove(key);
                }
            }

            good[folder] = nowGood;
        }

        var changed = !data.SameAs(Data);
        origins = newOrigins;
        Data = data;
        return new Publication(changed, badKeys);
    }

    /// <summary>Logs each bad key once per version, and keeps the health check's list of bad keys current.</summary>
    private void Report(Publication publication)
    {
        var bad = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, reason) in publication.BadKeys)
        {
            bad.Add(entry.Key);
            status.Stale(entry.Key, reason);
            bool first;
            lock (reportedBadKeys)
            {
                first = reportedBadKeys.Add((entry.Key, entry.ModifyIndex));
            }

            if (first)
            {
                ConsulLog.InvalidKey(logger, entry.Key, reason);
            }
        }

        var folders = source.Reads;
        status.RetainOnly(part => bad.Contains(part) || folders.Contains(part));
    }

    private static bool SameEntries(IReadOnlyList<ConsulKvEntry> a, IReadOnlyList<ConsulKvEntry> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Key == p.Second.Key && (p.First.Value ?? []).AsSpan().SequenceEqual(p.Second.Value ?? []));

    private readonly record struct Publication(bool Changed, List<(ConsulKvEntry Entry, string Reason)> BadKeys);
}

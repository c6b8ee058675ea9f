using Config.Providers.Core;
using Config.Providers.Diagnostics;

namespace Config.Providers.Consul;

// Publishing: what an answer from Consul does to the data — compared with the last, held for quiet time or held after
// an index reset, checked key by key, published under the lock, announced (logs, metrics, snapshot, signal) after it.
internal sealed partial class ConsulKvConfigurationProvider
{
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

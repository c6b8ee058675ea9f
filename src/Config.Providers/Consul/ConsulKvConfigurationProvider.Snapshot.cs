using Config.Providers.Core;
using Config.Providers.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Config.Providers.Consul;

// The snapshot: the last-known-good copy a service starts from when Consul does not answer, or when it was reset.
internal sealed partial class ConsulKvConfigurationProvider
{
    /// <summary>The snapshot, or null when there is none or it cannot be read (it only guards here: never a reason to fail).</summary>
    private Dictionary<string, IReadOnlyList<ConsulKvEntry>>? ReadSnapshotQuietly()
    {
        try
        {
            return source.SnapshotPath is { } path ? ConsulSnapshot.TryRead(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return null;
        }
    }

    private bool TryStartFromSnapshot()
    {
        if (source.SnapshotPath is not { } path || ConsulSnapshot.TryRead(path) is not { } snapshot)
        {
            return false;
        }

        ConsulLog.UsingSnapshot(logger, location.Options.ToString(), source.StartupTimeout.TotalSeconds, path);
        lock (gate)
        {
            foreach (var (folder, entries) in snapshot)
            {
                answers[folder] = entries;
            }

            IsDegraded = true;
            Publish(strict: true);
        }

        foreach (var folder in source.Reads)
        {
            status.Stale(folder, $"serving the snapshot {path}: Consul did not answer at startup");
        }

        return true;
    }

    private void WriteSnapshot()
    {
        if (source.SnapshotPath is not { } path)
        {
            return;
        }

        try
        {
            // Its own gate, taken by nothing else and never inside gate: copies are written in the order they are taken.
            lock (snapshotGate)
            {
                Dictionary<string, IReadOnlyList<ConsulKvEntry>> copy;
                lock (gate)
                {
                    copy = good.ToDictionary(f => f.Key, f => (IReadOnlyList<ConsulKvEntry>)[.. f.Value.Values.OrderBy(e => e.Key, StringComparer.Ordinal)], StringComparer.Ordinal);
                }

                ConsulSnapshot.Write(path, copy);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ConsulLog.SnapshotFailed(logger, path, e.Message);
        }
    }
}

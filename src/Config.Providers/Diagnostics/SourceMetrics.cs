using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Config.Providers.Diagnostics;

/// <summary>
/// Instruments of the configuration sources on the meter <see cref="MeterName"/>. Sources are built
/// before any host (and its <c>IMeterFactory</c>) exists, so this meter is process-wide; listeners match it by name.
/// Tags: <c>source.kind</c> and <c>source.name</c> (docs/diagnostics.md).
/// </summary>
internal static class SourceMetrics
{
    /// <summary>The meter of the library, for sources and settings alike.</summary>
    public const string MeterName = "Config.Providers";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<SourceStatus, byte> Live = new();

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "config_providers.source.requests", "{request}", "Reads of a configuration source (Consul queries, file reads), successful or not.");

    private static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        "config_providers.source.failures", "{failure}", "Reads of a configuration source that failed; the last good data stays.");

    private static readonly Counter<long> Reloads = Meter.CreateCounter<long>(
        "config_providers.source.reloads", "{reload}", "Changed data offered by a source, by outcome: applied, or rejected (kept last good).");

    static SourceMetrics()
    {
        Meter.CreateObservableGauge(
            "config_providers.source.staleness",
            Observe,
            "s",
            "Seconds since each configuration source last synced successfully.");
    }

    public static void Request(SourceStatus status) => Requests.Add(1, Tags(status));

    /// <summary>A read of one part of a source (a Consul folder or service), tagged <c>source.part</c> so a busy watch shows.</summary>
    public static void Request(SourceStatus status, string part) =>
        Requests.Add(1, new("source.kind", status.Kind), new("source.name", status.Name), new("source.part", part));

    public static void Failure(SourceStatus status) => Failures.Add(1, Tags(status));

    public static void Reload(SourceStatus status, bool applied) =>
        Reloads.Add(1, new("source.kind", status.Kind), new("source.name", status.Name), new("outcome", applied ? "applied" : "rejected"));

    internal static void Track(SourceStatus status) => Live.TryAdd(status, 0);

    internal static void Untrack(SourceStatus status) => Live.TryRemove(status, out _);

    private static IEnumerable<Measurement<double>> Observe()
    {
        foreach (var status in Live.Keys)
        {
            if (status.SecondsSinceSuccess is { } seconds)
            {
                yield return new Measurement<double>(seconds, Tags(status));
            }
        }
    }

    private static KeyValuePair<string, object?>[] Tags(SourceStatus status) => [new("source.kind", status.Kind), new("source.name", status.Name)];
}

namespace Config.Providers.Diagnostics;

/// <summary>
/// The health of one configuration source as its provider sees it: which parts serve stale data (last good values
/// kept after a failure), why and since when, and when it last synced. Read by the sources health check and the
/// metrics; written by the provider. Thread-safe; no I/O.
/// </summary>
internal sealed class SourceStatus : IDisposable
{
    private readonly Dictionary<string, SourceProblem> problems = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private long lastSuccess;
    private IReadOnlyList<string> warnings = [];

    public SourceStatus(string kind, string name, TimeProvider? time = null)
    {
        Kind = kind;
        Name = name;
        this.time = time ?? TimeProvider.System;
        SourceMetrics.Track(this);
    }

    /// <summary>The kind of source for metrics tags: <c>consul_kv</c>, <c>consul_health</c>, <c>env_file</c>, <c>yaml</c>, <c>dotcloud</c>.</summary>
    public string Kind { get; }

    /// <summary>The source's name for messages and tags: an address with folders, a path.</summary>
    public string Name { get; }

    /// <summary>When the source last read its data successfully, or null before the first time.</summary>
    public DateTimeOffset? LastSuccess => Interlocked.Read(ref lastSuccess) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>The parts serving stale data now, oldest first.</summary>
    public IReadOnlyList<SourceProblem> Problems
    {
        get
        {
            lock (problems)
            {
                return [.. problems.Values.OrderBy(p => p.Since)];
            }
        }
    }

    /// <summary>
    /// What the last successful read warned about (an unset <c>${VAR}</c> that became empty, a name left out), each
    /// starting with <c>PATH:LINE:COLUMN</c>. Listed by the health check and counted by <c>--check-config</c>.
    /// </summary>
    public IReadOnlyList<string> Warnings => Volatile.Read(ref warnings);

    /// <summary>The last successful read's warnings replace the previous read's.</summary>
    public void Warned(IReadOnlyList<string> current) => Volatile.Write(ref warnings, current);

    /// <summary>Seconds since the last successful sync (for the staleness gauge), or null before the first.</summary>
    public double? SecondsSinceSuccess => LastSuccess is { } last ? Math.Max(0, (time.GetUtcNow() - last).TotalSeconds) : null;

    /// <summary>A successful read: the source is current.</summary>
    public void Synced() => Interlocked.Exchange(ref lastSuccess, time.GetUtcNow().UtcTicks);

    /// <summary><paramref name="part"/> is current again. Returns whether it had been stale.</summary>
    public bool Recovered(string part)
    {
        lock (problems)
        {
            return problems.Remove(part);
        }
    }

    /// <summary><paramref name="part"/> serves its last good data because of <paramref name="reason"/>; the first time counts for "since".</summary>
    public void Stale(string part, string reason)
    {
        lock (problems)
        {
            var since = problems.TryGetValue(part, out var known) ? known.Since : time.GetUtcNow();
            problems[part] = new SourceProblem(Name, part, reason, since);
        }
    }

    /// <summary>Clears every problem whose part is not in <paramref name="current"/> (a key that was deleted, for instance).</summary>
    public void RetainOnly(Func<string, bool> current)
    {
        lock (problems)
        {
            foreach (var part in problems.Keys.Where(p => !current(p)).ToList())
            {
                problems.Remove(part);
            }
        }
    }

    public void Dispose() => SourceMetrics.Untrack(this);
}

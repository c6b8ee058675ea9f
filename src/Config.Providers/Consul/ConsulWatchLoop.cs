using Config.Providers.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Config.Providers.Consul;

/// <summary>
/// Follows one Consul resource (a KV folder, a service's health) with blocking queries — the one place the rules of
/// Consul's blocking-query docs are written, for every watch:
/// <list type="bullet">
/// <item>at least <see cref="ConsulWatchTiming.MinimumInterval"/> between queries, however fast Consul returns;</item>
/// <item>an index that goes back is first confirmed by one <c>consistent</c> read, when the watch has one: in Consul's
/// default mode an old leader can answer during an election with state older than what was already applied (a value
/// went from 62 back to 61 in a cluster-fault test). An answer the confirmation contradicts is dropped for it; one it
/// confirms (snapshot restore, agent restarted with fresh state) is logged and taken as the new index;</item>
/// <item>after any failure the next read is non-blocking, so a reset index — and a recovery — is seen at once
/// instead of after a whole wait on an index the new Consul will not reach;</item>
/// <item>an answer without a usable index (0 or no <c>X-Consul-Index</c>, as from some proxies) cannot block: it is
/// applied and the next read waits a growing delay, so the loop never spins;</item>
/// <item>failures back off exponentially with jitter, honour <c>Retry-After</c>, are logged at the 1st, 2nd, 4th …
/// failure of each outage, and the recovery that ends an outage is logged once; while nothing answers at the address
/// at all (refused), the backoff stops at <see cref="ConsulRetry.UnreachableCeiling"/>, so a Consul that comes back is
/// seen within seconds; with a <see cref="ConsulRecoveryProbe"/>, the pause ends as soon as the probe sees Consul
/// answer properly again after failing, and while the probe sees it failing the watch sends nothing of its own;</item>
/// <item>a wake that brings nothing of its own (Consul moves an empty folder's index on every write anywhere in the
/// store; a health check's output changes) re-arms only after a floor that grows while such wakes go on
/// (<see cref="ConsulRetry.QuietFloor"/>) and is gone at the first answer with news or a wait that runs out, so writes
/// elsewhere cannot make a watch poll;</item>
/// <item>every outcome is counted (requests by part, so a busy watch shows) and reported to the source's <see cref="SourceStatus"/>.</item>
/// </list>
/// A return is not a change: <c>take</c> compares content and says whether the answer brought anything new. It never
/// throws: a failure to apply is logged.
/// </summary>
/// <typeparam name="T">The payload.</typeparam>
internal sealed class ConsulWatchLoop<T>(
    string part,
    Func<ulong, TimeSpan?, CancellationToken, Task<ConsulQueryResult<T>>> query,
    Func<T, ConsulIndexStep, bool> take,
    ConsulWatchTiming timing,
    string address,
    ILogger logger,
    SourceStatus status,
    ConsulRecoveryProbe? probe = null,
    Func<CancellationToken, Task<ConsulQueryResult<T>>>? confirm = null)
{
    public async Task RunAsync(ulong index, CancellationToken cancellationToken)
    {
        var time = timing.Time;
        var blocking = index > 0;
        var failures = 0;
        var failingSince = 0L;
        var unindexed = 0;
        var quietWakes = 0;
        var lastQuery = long.MinValue;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var least = quietWakes > 0 ? Max(timing.MinimumInterval, ConsulRetry.QuietFloor(quietWakes, timing.QuietFloorCeiling)) : timing.MinimumInterval;
                if (lastQuery != long.MinValue && time.GetElapsedTime(lastQuery) is var since && since < least)
                {
                    await Task.Delay(least - since, time, cancellationToken).ConfigureAwait(false);
                }

                lastQuery = time.GetTimestamp();
                SourceMetrics.Request(status, part);
                ConsulQueryResult<T> result;
                try
                {
                    result = await query(blocking ? index : 0, timing.WaitTime, cancellationToken).ConfigureAwait(false);
                    if (confirm is not null && result.Index > 0 && result.Index < index)
                    {
                        // Gone back: a reset, or a stale read from a server that no longer leads. Ask the leader, with a
                        // quorum's word, and follow its answer; its failure is the query's failure (nothing applied).
                        SourceMetrics.Request(status, part);
                        var confirmed = await confirm(cancellationToken).ConfigureAwait(false);
                        if (confirmed.Index >= index)
                        {
                            ConsulLog.StaleAnswerDropped(logger, part, index, result.Index, confirmed.Index);
                        }

                        result = confirmed;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Consul down, a proxy's junk, a stalled body: keep the last good values, back off, read afresh next.
                    if (failures++ == 0)
                    {
                        failingSince = time.GetTimestamp();
                    }

                    blocking = false;
                    SourceMetrics.Failure(status);
                    status.Stale(part, e.Message);
                    var delay = ConsulRetry.Delay(failures, ConsulRetry.Ceiling(e, timing.MaximumBackoff), timing.Jitter);
                    var floor = TimeSpan.Zero;
                    if (e is ConsulException { RetryAfter: { } asked } && asked > delay)
                    {
                        // Honoured up to the backoff ceiling: a peer asking for a day (or 60 days, past what a timer
                        // can wait) must not freeze or end the watch.
                        delay = floor = asked <= timing.MaximumBackoff ? asked : timing.MaximumBackoff;
                        if (asked > timing.MaximumBackoff)
                        {
                            ConsulLog.RetryAfterCapped(logger, address, part, asked.TotalSeconds, delay.TotalSeconds);
                        }
                    }

                    if (ConsulRetry.ShouldLog(failures))
                    {
                        ConsulLog.WatchFailing(logger, part, address, failures, delay.TotalSeconds, e.Message);
                    }

                    // Nothing listening at the address costs Consul nothing: the watch's own short backoff finds it back
                    // soonest. Anything that reached a peer waits on the probe.
                    await (e is ConsulException { Unreachable: true }
                        ? Task.Delay(delay, time, cancellationToken)
                        : PauseAsync(delay, floor, cancellationToken)).ConfigureAwait(false);
                    continue;
                }

                status.Synced();
                var wasStale = status.Recovered(part);
                if (failures > 0 || wasStale)
                {
                    ConsulLog.Recovered(logger, address, part, failures, failures > 0 ? time.GetElapsedTime(failingSince).TotalSeconds : 0);
                    failures = 0;
                }

                if (result.Index > 0 && result.Index < index)
                {
                    ConsulLog.IndexReset(logger, part, index, result.Index);
                }

                var news = Apply(result.Value, new ConsulIndexStep(index, result.Index));
                if (result.Index == 0)
                {
                    // Nothing to block on: poll at a falling rate instead of returning at once forever.
                    unindexed++;
                    var delay = ConsulRetry.Delay(unindexed, timing.MaximumBackoff, timing.Jitter);
                    if (ConsulRetry.ShouldLog(unindexed))
                    {
                        ConsulLog.NoIndex(logger, address, part, unindexed, delay.TotalSeconds);
                    }

                    blocking = false;
                    await PauseAsync(delay, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                unindexed = 0;

                // Woken (the index moved) with nothing new for this watch: the next wake may be as empty, so wait longer
                // before re-arming. A wait that ran out (same index) or an answer with news ends the streak.
                quietWakes = blocking && result.Index != index && !news ? quietWakes + 1 : 0;
                index = result.Index;
                blocking = true;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The pause after a failure or an answer without an index: on the recovery probe when there is one.</summary>
    private Task PauseAsync(TimeSpan delay, TimeSpan floor, CancellationToken cancellationToken) =>
        probe is null
            ? Task.Delay(delay, timing.Time, cancellationToken)
            : probe.WaitAsync(delay, floor, timing.MaximumBackoff, cancellationToken);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Hands the answer on; true when it brought something new (a failure to apply counts as news: no floor).</summary>
    private bool Apply(T value, ConsulIndexStep step)
    {
        try
        {
            return take(value, step);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug or an unforeseen value must not end the watch: keep the last good values, say why.
            ConsulLog.ApplyFailed(logger, part, $"{e.GetType().Name}: {e.Message}");
            return true;
        }
    }
}

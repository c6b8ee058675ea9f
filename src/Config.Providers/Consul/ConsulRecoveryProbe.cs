namespace Config.Providers.Consul;

/// <summary>
/// Tells the failing watches of one Consul address when Consul answers properly again. While any watch waits after a
/// failure, one cheap non-blocking request (<c>probe</c>: the first folder's immediate keys, which must come back
/// whole, as JSON, with an index) goes out 250 ms after the first failure, 2 s later, then every <see cref="Ceiling"/> (3 s) after the previous one began. A watch
/// waiting on it:
/// <list type="bullet">
/// <item>retries at once when a probe succeeds after a probe failed (the fault is over), so the first value written
/// after a fault is seen within seconds, not after a backoff that kept growing while Consul failed;</item>
/// <item>while the probe fails, does not retry on its own backoff (up to <c>guard</c>, MaximumBackoff): a failing
/// Consul gets the probe's small request, not every watch's full reads;</item>
/// <item>never retries before the probe has judged Consul since the failure;</item>
/// <item>while the probe succeeds but the watch's own read fails (a fault of that read only), keeps its own backoff.</item>
/// </list>
/// A <c>Retry-After</c> is honoured by both. The probe runs only while someone waits, and stops with the provider.
/// </summary>
internal sealed class ConsulRecoveryProbe(Func<CancellationToken, Task> probe, TimeSpan maximumBackoff, TimeProvider time)
{
    /// <summary>The longest pause between two probes: bounds how late the end of a fault is seen.</summary>
    public static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(3);

    /// <summary>How long one probe may take: a peer that holds it longer is failing.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly object gate = new();
    private TaskCompletionSource recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource judged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int waiting;
    private bool running;
    private bool down;

    /// <summary>Requests sent by the probe so far (for tests and the recovery table).</summary>
    public int Probes => Volatile.Read(ref probes);

    private int probes;

    /// <summary>
    /// Waits after a failed read: at least <paramref name="floor"/> (a Retry-After), then until the probe sees Consul
    /// recover, or <paramref name="backoff"/> has passed while the probe does not see Consul failing, or
    /// <paramref name="guard"/> has passed in any case.
    /// </summary>
    public async Task WaitAsync(TimeSpan backoff, TimeSpan floor, TimeSpan guard, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        TaskCompletionSource signal;
        TaskCompletionSource verdict;
        var start = false;
        lock (gate)
        {
            waiting++;
            signal = recovered;
            verdict = judged;
            if (!running)
            {
                running = start = true;
            }
        }

        if (start)
        {
            _ = Task.Run(() => RunAsync(cancellationToken), CancellationToken.None);
        }

        try
        {
            if (floor > TimeSpan.Zero)
            {
                await Task.Delay(floor, time, cancellationToken).ConfigureAwait(false);
            }

            while (true)
            {
                // The watch's own backoff counts only once the probe has judged Consul since the failure, and found it
                // answering: a read that hung 19 s must not be followed by another before anyone knows Consul is back.
                var elapsed = time.GetElapsedTime(started);
                var until = Volatile.Read(ref down) || !verdict.Task.IsCompleted ? guard : backoff;
                if (signal.Task.IsCompleted || elapsed >= until)
                {
                    return;
                }

                // Woken by a recovery, by the first verdict, or at the end of the backoff to look again; the timer of a
                // wait that ended early is cancelled rather than left to run out.
                using var waitEnds = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(until - elapsed, time, waitEnds.Token);
                await (verdict.Task.IsCompleted ? Task.WhenAny(signal.Task, delay) : Task.WhenAny(signal.Task, verdict.Task, delay)).ConfigureAwait(false);
                await waitEnds.CancelAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            lock (gate)
            {
                waiting--;
            }
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var round = 0;
        var pause = TimeSpan.Zero;
        var lastProbe = 0L;
        try
        {
            while (true)
            {
                lock (gate)
                {
                    if (waiting == 0)
                    {
                        // Nobody waits: stop, and forget Consul's state (the next failure probes afresh).
                        running = false;
                        down = false;
                        return;
                    }
                }

                // Probes start on a steady beat: a probe that hung for its whole timeout does not push the next one back.
                var delay = Delay(round++);
                var wait = (delay > pause ? delay : pause) - (lastProbe == 0 ? TimeSpan.Zero : time.GetElapsedTime(lastProbe));
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }

                pause = TimeSpan.Zero;
                lastProbe = time.GetTimestamp();
                bool answered;
                try
                {
                    using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    deadline.CancelAfter(Timeout);
                    Interlocked.Increment(ref probes);
                    await probe(deadline.Token).ConfigureAwait(false);
                    answered = true;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    answered = false;
                    if (e is ConsulException { RetryAfter: { } asked })
                    {
                        // Honoured as the watches honour it: up to MaximumBackoff.
                        pause = asked < maximumBackoff ? asked : maximumBackoff;
                    }
                }

                TaskCompletionSource? release = null;
                TaskCompletionSource said;
                lock (gate)
                {
                    if (answered && down)
                    {
                        release = recovered;
                        recovered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }

                    Volatile.Write(ref down, !answered);
                    said = judged;
                    judged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                // Signalled outside the lock: the watches' continuations run on their own.
                release?.TrySetResult();
                said.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            lock (gate)
            {
                running = false;
            }
        }
    }

    /// <summary>250 ms, 2 s, then <see cref="Ceiling"/>: about as many requests while failing as one watch's own backoff made, not one per watch.</summary>
    internal static TimeSpan Delay(int round) => round switch
    {
        0 => First,
        1 => TimeSpan.FromSeconds(2),
        _ => Ceiling,
    };

    /// <summary>
    /// The first probe comes soon: a watch waits for its verdict before retrying, so a single failed read (a blip, one
    /// stalled answer) is retried within a fraction of a second, as before the probe.
    /// </summary>
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(250);
}

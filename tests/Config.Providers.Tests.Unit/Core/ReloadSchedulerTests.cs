using Config.Providers.Core;
using Microsoft.Extensions.Time.Testing;

namespace Config.Providers.Tests.Core;

/// <summary>
/// The reload rules every watched provider shares (<see cref="ReloadScheduler"/>): quiet time, one reload at a time
/// with the latest request winning, failures contained, and a listener that reloads from its callback.
/// </summary>
public sealed class ReloadSchedulerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Changes_within_the_quiet_time_make_one_reload()
    {
        var time = new FakeTimeProvider();
        var probe = new Probe();
        using var scheduler = probe.Create(time);

        for (var i = 0; i < 3; i++)
        {
            scheduler.Schedule(TimeSpan.FromMilliseconds(100));
            time.Advance(TimeSpan.FromMilliseconds(60));
        }

        Assert.Equal(0, probe.Runs);
        time.Advance(TimeSpan.FromMilliseconds(40));
        await probe.WaitForRunsAsync(1);
        await scheduler.RequestAndWaitAsync().WaitAsync(Bound);
        Assert.Equal(2, probe.Runs); // the quiet-time reload and the one asked for; nothing else
    }

    [Fact]
    public async Task Quiet_time_never_holds_a_change_past_the_longest_wait()
    {
        var time = new FakeTimeProvider();
        var probe = new Probe();
        using var scheduler = probe.Create(time);

        // A change every 60 ms never leaves 100 ms of quiet; the 250 ms bound still applies them.
        for (var elapsed = 0; elapsed < 240; elapsed += 60)
        {
            scheduler.Schedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250));
            time.Advance(TimeSpan.FromMilliseconds(60));
        }

        Assert.Equal(0, probe.Runs);
        scheduler.Schedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250));
        time.Advance(TimeSpan.FromMilliseconds(10));
        await probe.WaitForRunsAsync(1);
    }

    [Fact]
    public async Task Requests_during_a_reload_make_one_more_that_reads_the_latest_state()
    {
        var probe = new Probe { Hold = new SemaphoreSlim(0) };
        using var scheduler = probe.Create(TimeProvider.System);

        probe.State = 1;
        scheduler.Request();
        await probe.WaitForStartsAsync(1);
        for (var state = 2; state <= 6; state++)
        {
            probe.State = state;
            scheduler.Request();
        }

        var last = scheduler.RequestAndWaitAsync();
        probe.Hold.Release(10);
        await last.WaitAsync(Bound);
        Assert.Equal([1, 6], probe.Seen);
        Assert.Equal(1, probe.MostAtOnce);
    }

    [Fact]
    public async Task A_reload_that_throws_is_reported_and_the_next_still_runs()
    {
        var failures = new List<Exception>();
        var probe = new Probe { ThrowOnce = true };
        using var scheduler = probe.Create(TimeProvider.System, failures.Add);

        await scheduler.RequestAndWaitAsync().WaitAsync(Bound);
        Assert.IsType<InvalidOperationException>(Assert.Single(failures));
        Assert.Equal(0, probe.Signals);

        probe.State = 2;
        await scheduler.RequestAndWaitAsync().WaitAsync(Bound);
        Assert.Equal(1, probe.Signals);
    }

    [Fact]
    public async Task A_listener_that_reloads_and_waits_from_its_callback_does_not_deadlock()
    {
        var probe = new Probe();
        ReloadScheduler? scheduler = null;
        var nested = 0;
        probe.OnSignal = () =>
        {
            if (Interlocked.Increment(ref nested) == 1)
            {
                // IConfigurationRoot.Reload() from a change callback: blocks this thread until its reload is done.
                probe.State = 2;
                Assert.True(scheduler!.RequestAndWaitAsync().Wait(Bound), "the reload asked for from the listener never finished");
            }
        };
        scheduler = probe.Create(TimeProvider.System);

        probe.State = 1;
        await scheduler.RequestAndWaitAsync().WaitAsync(Bound);
        Assert.Equal(2, probe.Signals);
        Assert.Equal([1, 2], probe.Seen);
        scheduler.Dispose();
    }

    [Fact]
    public async Task Disposed_it_runs_nothing_more_and_releases_waiters()
    {
        var time = new FakeTimeProvider();
        var probe = new Probe { Hold = new SemaphoreSlim(0) };
        var scheduler = probe.Create(time);

        scheduler.Request();
        await probe.WaitForStartsAsync(1);
        var waiting = scheduler.RequestAndWaitAsync();
        scheduler.Schedule(TimeSpan.FromMilliseconds(100));
        scheduler.Dispose();

        await waiting.WaitAsync(Bound);
        Assert.True(scheduler.Stopping.IsCancellationRequested);
        probe.Hold.Release(10);
        time.Advance(TimeSpan.FromSeconds(1));
        scheduler.Request();
        await scheduler.RequestAndWaitAsync().WaitAsync(Bound);
        await probe.WaitForRunsAsync(1);
        Assert.Equal(1, probe.Starts); // neither the quiet-time reload nor the later requests ran
    }

    /// <summary>A reload that records what it saw, optionally waits to be released, and counts overlap.</summary>
    private sealed class Probe
    {
        private readonly object gate = new();
        private int running;
        private int mostAtOnce;

        public SemaphoreSlim? Hold { get; init; }

        public bool ThrowOnce { get; set; }

        public volatile int State;

        public Action? OnSignal { get; set; }

        public List<int> Seen { get; } = [];

        public int Starts { get; private set; }

        public int Runs { get; private set; }

        public int Signals { get; private set; }

        public int MostAtOnce => Volatile.Read(ref mostAtOnce);

        private int lastSeen;

        // Completed (and replaced) whenever a reload starts or finishes, under gate: what WaitAsync waits on.
        private TaskCompletionSource progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ReloadScheduler Create(TimeProvider time, Action<Exception>? failed = null) =>
            new(ReloadAsync, Signal, failed ?? (e => throw new Xunit.Sdk.XunitException("unexpected failure: " + e)), time);

        public async Task WaitForRunsAsync(int count) => await WaitAsync(() => Runs >= count);

        public async Task WaitForStartsAsync(int count) => await WaitAsync(() => Starts >= count);

        private async ValueTask<bool> ReloadAsync(CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            lock (gate)
            {
                Starts++;
                Progressed();
            }

            try
            {
                var state = State;
                if (Hold is not null)
                {
                    await Hold.WaitAsync(Bound, CancellationToken.None);
                }

                if (ThrowOnce)
                {
                    ThrowOnce = false;
                    throw new InvalidOperationException("a bug in a parser");
                }

                lock (gate)
                {
                    Runs++;
                    Progressed();
                    Seen.Add(state);
                    var changed = state != lastSeen;
                    lastSeen = state;
                    return changed;
                }
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }

        private void Signal()
        {
            lock (gate)
            {
                Signals++;
            }

            OnSignal?.Invoke();
        }

        /// <summary>Under gate: wakes whoever waits for a start or a finished run.</summary>
        private void Progressed()
        {
            var done = progress;
            progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.TrySetResult();
        }

        private async Task WaitAsync(Func<bool> condition)
        {
            using var timeout = new CancellationTokenSource(Bound);
            while (true)
            {
                Task next;
                lock (gate)
                {
                    if (condition())
                    {
                        return;
                    }

                    next = progress.Task;
                }

                await next.WaitAsync(timeout.Token);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}

using Config.Providers.Consul;
using Config.Providers.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Config.Providers.Tests.Consul;

/// <summary>
/// The watch loop's timing rules on a fake clock, with exact expectations: backoff after failures, Retry-After, the
/// floor after quiet wakes, the non-blocking read after a failure, and how startup progress is paced. The query is a
/// script; each call is recorded with the fake time it was made at.
/// </summary>
public sealed class ConsulWatchTimingTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private readonly FakeTimeProvider time = new();
    private readonly SemaphoreSlim timerCreated = new(0);
    private int timersCreated;
    private int timersAtLastCall;
    private readonly List<(TimeSpan At, ulong Index)> calls = [];
    private readonly SemaphoreSlim called = new(0);
    private readonly DateTimeOffset start;

    public ConsulWatchTimingTests() => start = time.GetUtcNow();

    [Fact]
    public async Task Failures_back_off_exponentially_to_the_ceiling_and_the_read_after_one_is_not_blocking()
    {
        var script = new Queue<Func<ConsulQueryResult<string>>>();
        for (var i = 0; i < 8; i++)
        {
            script.Enqueue(() => throw new ConsulException("Consul at http://consul:8500 is unreachable"));
        }

        using var stop = Run(script, out _);

        // Jitter fixed at the top of each window: 500 ms, 1, 2, 4, 8, 16 s, then the 30 s ceiling.
        await ExpectCallAfter(TimeSpan.FromMilliseconds(500));
        await ExpectCallAfter(TimeSpan.FromSeconds(1));
        await ExpectCallAfter(TimeSpan.FromSeconds(2));
        await ExpectCallAfter(TimeSpan.FromSeconds(4));
        await ExpectCallAfter(TimeSpan.FromSeconds(8));
        await ExpectCallAfter(TimeSpan.FromSeconds(16));
        await ExpectCallAfter(TimeSpan.FromSeconds(30));
        Assert.Equal(5UL, calls[0].Index);                         // the first query blocks on the index startup read
        Assert.All(calls.Skip(1), call => Assert.Equal(0UL, call.Index));   // after a failure: read at once, never block
    }

    [Fact]
    public async Task While_nothing_answers_at_the_address_retries_stay_within_2_s_and_consul_errors_back_off_fully()
    {
        var script = new Queue<Func<ConsulQueryResult<string>>>();
        for (var i = 0; i < 6; i++)
        {
            script.Enqueue(() => throw new ConsulException("Consul at http://consul:8500 is unreachable (ConnectionError: Connection refused)") { Unreachable = true });
        }

        for (var i = 0; i < 3; i++)
        {
            script.Enqueue(() => throw new ConsulException("Consul answered 500 Internal Server Error: \"No cluster leader\"", 500));
        }

        using var stop = Run(script, out _);

        // Refused: 500 ms, 1 s, then the 2 s ceiling, however long it lasts; no request reaches a Consul.
        await ExpectCallAfter(TimeSpan.FromMilliseconds(500));
        await ExpectCallAfter(TimeSpan.FromSeconds(1));
        await ExpectCallAfter(TimeSpan.FromSeconds(2));
        await ExpectCallAfter(TimeSpan.FromSeconds(2));
        await ExpectCallAfter(TimeSpan.FromSeconds(2));
        await ExpectCallAfter(TimeSpan.FromSeconds(2));

        // Consul answers with errors of its own: the streak goes on, and now backs off fully (7th, 8th failure: 30 s).
        await ExpectCallAfter(TimeSpan.FromSeconds(30));
        await ExpectCallAfter(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Retry_after_longer_than_the_backoff_is_waited_for()
    {
        var script = new Queue<Func<ConsulQueryResult<string>>>();
        script.Enqueue(() => throw new ConsulException("Consul answered 429 Too Many Requests", 429, retryAfter: TimeSpan.FromSeconds(7)));
        script.Enqueue(() => Answer(6, "a"));

        using var stop = Run(script, out _);

        await ExpectCallAfter(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task Retry_after_longer_than_the_backoff_ceiling_is_capped_and_the_watch_goes_on()
    {
        var script = new Queue<Func<ConsulQueryResult<string>>>();
        script.Enqueue(() => throw new ConsulException("Consul answered 503 Service Unavailable", 503, retryAfter: TimeSpan.FromDays(60)));
        script.Enqueue(() => throw new ConsulException("Consul answered 503 Service Unavailable", 503, retryAfter: TimeSpan.FromDays(1)));
        script.Enqueue(() => Answer(6, "a"));

        using var stop = Run(script, out var taken);

        await ExpectCallAfter(TimeSpan.FromSeconds(30));   // MaximumBackoff, not 60 days (beyond what a timer can even wait)
        await ExpectCallAfter(TimeSpan.FromSeconds(30));   // nor a day
        Assert.Equal(["a"], taken);
    }

    [Fact]
    public void Stopping_the_watches_never_throws_even_when_a_loop_ended_with_an_error()
    {
        var watches = new ConsulWatches();
        watches.Start(_ => throw new InvalidOperationException("a loop that broke"));
        watches.Start(token => Task.Delay(Timeout.Infinite, token));

        watches.Stop();   // returns; nothing thrown
    }

    [Fact]
    public async Task Wakes_that_bring_nothing_new_re_arm_after_a_growing_floor_that_news_resets()
    {
        var script = new Queue<Func<ConsulQueryResult<string>>>();
        for (ulong i = 6; i < 12; i++)
        {
            var index = i;
            script.Enqueue(() => Answer(index, "same"));   // the index moves (writes elsewhere), the folder does not
        }

        script.Enqueue(() => Answer(12, "news"));
        script.Enqueue(() => Answer(12, "news"));          // the wait ran out: same index
        script.Enqueue(() => Answer(13, "news"));

        using var stop = Run(script, out var taken);

        await ExpectCallAfter(TimeSpan.FromMilliseconds(250));
        await ExpectCallAfter(TimeSpan.FromMilliseconds(500));
        await ExpectCallAfter(TimeSpan.FromSeconds(1));
        await ExpectCallAfter(TimeSpan.FromSeconds(2));
        await ExpectCallAfter(TimeSpan.FromSeconds(3));       // the ceiling
        await ExpectCallAfter(TimeSpan.FromSeconds(3));
        await ExpectCallAfter(TimeSpan.FromMilliseconds(100)); // news: back to the minimum interval
        await ExpectCallAfter(TimeSpan.FromMilliseconds(100)); // a wait that ran out is no quiet wake either
        Assert.Equal(["same", "news"], taken.Distinct());
        Assert.Equal([5UL, 6, 7, 8, 9, 10, 11, 12, 12], calls.Select(c => c.Index));   // every query blocks
    }

    [Fact]
    public void Startup_progress_speaks_after_each_second_of_silence_and_a_failure_line_starts_the_second_over()
    {
        var said = new List<TimeSpan>();
        using var progress = new ConsulStartupProgress(time, () => said.Add(Now));

        time.Advance(TimeSpan.FromMilliseconds(750));
        Assert.Empty(said);
        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal([TimeSpan.FromSeconds(1)], said);

        time.Advance(TimeSpan.FromMilliseconds(500));
        progress.Said();                                        // a failed attempt logged its own line at 1.5 s
        time.Advance(TimeSpan.FromMilliseconds(750));
        Assert.Single(said);
        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.5)], said);
    }

    [Fact]
    public void Startup_attempts_get_a_third_of_the_timeout_at_least_2_s_and_never_pass_its_end()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), Limit(left: TimeSpan.FromSeconds(30), total: TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(4), Limit(left: TimeSpan.FromSeconds(4), total: TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(2), Limit(left: TimeSpan.FromSeconds(3), total: TimeSpan.FromSeconds(3)));
        Assert.Equal(ConsulRetry.LastAttempt, Limit(left: TimeSpan.Zero, total: TimeSpan.FromSeconds(30)));

        static TimeSpan Limit(TimeSpan left, TimeSpan total) => ConsulRetry.AttemptLimit(left, total);
    }

    [Fact]
    public void Staleness_counts_from_the_last_sync_and_a_problem_keeps_its_first_time()
    {
        using var status = new SourceStatus("consul_kv", "Consul KV at http://consul:8500", time);
        Assert.Null(status.SecondsSinceSuccess);

        status.Synced();
        time.Advance(TimeSpan.FromSeconds(42));
        Assert.Equal(42, status.SecondsSinceSuccess);

        status.Stale("config/orders/", "unreachable");
        time.Advance(TimeSpan.FromSeconds(10));
        status.Stale("config/orders/", "answered 500");
        var problem = Assert.Single(status.Problems);
        Assert.Equal(start + TimeSpan.FromSeconds(42), problem.Since);
        Assert.Equal("answered 500", problem.Reason);
        Assert.Equal(52, status.SecondsSinceSuccess);
    }

    private TimeSpan Now => time.GetUtcNow() - start;

    private static ConsulQueryResult<string> Answer(ulong index, string value) => new(value, index, Found: true);

    /// <summary>Starts the loop on the script (blocking on index 5, as after startup); it stops when disposed or the script ends.</summary>
    private CancellationTokenSource Run(Queue<Func<ConsulQueryResult<string>>> script, out List<string> taken)
    {
        var stop = new CancellationTokenSource();
        var values = new List<string>();
        taken = values;
        var last = (string?)"same";   // what startup read
        var clock = new TimerCountingClock(time, () =>
        {
            Interlocked.Increment(ref timersCreated);
            timerCreated.Release();
        });
        var timing = new ConsulWatchTiming(TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), clock) { Jitter = () => 1.0 };
        var loop = new ConsulWatchLoop<string>(
            "config/orders/",
            (index, _, _) =>
            {
                lock (calls)
                {
                    calls.Add((Now, index));
                    timersAtLastCall = Volatile.Read(ref timersCreated);
                }

                called.Release();
                if (!script.TryDequeue(out var next))
                {
                    return new TaskCompletionSource<ConsulQueryResult<string>>().Task;   // blocks for ever: the script is done
                }

                try
                {
                    return Task.FromResult(next());
                }
                catch (Exception e)
                {
                    return Task.FromException<ConsulQueryResult<string>>(e);
                }
            },
            (value, _) =>
            {
                values.Add(value);
                var news = value != last;
                last = value;
                return news;
            },
            timing,
            "http://consul:8500",
            NullLogger.Instance,
            new SourceStatus("consul_kv", "test", time));
        _ = loop.RunAsync(5, stop.Token);
        return stop;
    }

    /// <summary>Advances the clock to one tick before <paramref name="delay"/> after the last call (no call yet), then to it (the call).</summary>
    private async Task ExpectCallAfter(TimeSpan delay)
    {
        Assert.True(await called.WaitAsync(TimeSpan.FromSeconds(10)), "the loop made no call");
        int count;
        TimeSpan last;
        int timersThen;
        lock (calls)
        {
            (count, last, timersThen) = (calls.Count, calls[^1].At, timersAtLastCall);
        }

        // The query returned on the loop's thread; the loop has yet to start waiting on the clock. Advancing before it
        // does would start its wait from the advanced time (a call 1 s late, once, in a busy run).
        while (Volatile.Read(ref timersCreated) <= timersThen)
        {
            Assert.True(await timerCreated.WaitAsync(TimeSpan.FromSeconds(10)), "the loop did not start waiting on the clock");
        }

        time.Advance(last + delay - Tick - Now);
        Assert.Equal(0, called.CurrentCount);
        time.Advance(Tick);
        Assert.True(await called.WaitAsync(TimeSpan.FromSeconds(10)), $"no call {delay.TotalMilliseconds} ms after the last one");
        called.Release();   // left for the next expectation to take
        lock (calls)
        {
            Assert.Equal(count + 1, calls.Count);
            Assert.Equal(last + delay, calls[^1].At);
        }
    }

    /// <summary>The fake clock, telling when something starts waiting on it (each <c>Task.Delay</c> creates a timer).</summary>
    private sealed class TimerCountingClock(FakeTimeProvider inner, Action created) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = inner.CreateTimer(callback, state, dueTime, period);
            created();
            return timer;
        }
    }
}

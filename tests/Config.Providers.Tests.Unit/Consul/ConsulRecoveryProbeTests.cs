using Config.Providers.Consul;
using Microsoft.Extensions.Time.Testing;

namespace Config.Providers.Tests.Consul;

/// <summary>
/// The recovery probe's rules on a fake clock (the same against a real agent behind a faulty proxy is in
/// ConsulFaultRecoveryTests): a watch waits on the probe while Consul fails, retries as soon as the probe sees it
/// answer again, keeps its own backoff for a fault of its own read, honours Retry-After, and gives up waiting at the
/// guard; the probe runs only while someone waits.
/// </summary>
public sealed class ConsulRecoveryProbeTests
{
    private readonly FakeTimeProvider time = new();
    private readonly CancellationTokenSource stopping = new();
    private volatile bool healthy;
    private int probes;

    private ConsulRecoveryProbe Probe() => new(_ =>
    {
        Interlocked.Increment(ref probes);
        return healthy ? Task.CompletedTask : Task.FromException(new ConsulException("refused"));
    }, TimeSpan.FromSeconds(30), time);

    /// <summary>Moves the clock in 50 ms steps, letting the probe's and the watch's continuations run between them.</summary>
    private async Task Advance(double seconds, Task? until = null)
    {
        for (var left = seconds; left > 1e-9 && until?.IsCompleted != true; left -= 0.05)
        {
            time.Advance(TimeSpan.FromSeconds(Math.Min(0.05, left)));
            await Task.Delay(2);
        }
    }

    private async Task<double> SecondsUntil(Task wait, double most)
    {
        var start = time.GetUtcNow();
        await Advance(most, wait);
        Assert.True(wait.IsCompleted, $"still waiting after {most} s");
        return (time.GetUtcNow() - start).TotalSeconds;
    }

    [Fact]
    public async Task While_the_probe_sees_consul_failing_a_watch_waits_past_its_backoff_and_retries_at_the_first_success()
    {
        var probe = Probe();
        var wait = probe.WaitAsync(TimeSpan.FromSeconds(0.5), TimeSpan.Zero, TimeSpan.FromSeconds(30), stopping.Token);

        await Advance(9);                                   // probes at 0.25, 2.25, 5.25, 8.25 s: all fail
        Assert.False(wait.IsCompleted);
        Assert.Equal(4, probes);

        healthy = true;                                     // the fault ends; the next probe (11.25 s) sees it
        var seconds = await SecondsUntil(wait, 5);
        Assert.InRange(seconds, 2.15, 2.55);
        Assert.Equal(5, probes);
    }

    [Fact]
    public async Task A_fault_of_the_watch_s_own_read_keeps_its_backoff_once_the_probe_has_judged_consul_well()
    {
        healthy = true;
        var probe = Probe();

        // Not before the probe's first verdict (250 ms), even with a shorter backoff…
        Assert.InRange(await SecondsUntil(probe.WaitAsync(TimeSpan.FromSeconds(0.1), TimeSpan.Zero, TimeSpan.FromSeconds(30), stopping.Token), 5), 0.2, 0.45);

        // …and no earlier than its own backoff when Consul answers the probe well.
        Assert.InRange(await SecondsUntil(probe.WaitAsync(TimeSpan.FromSeconds(8), TimeSpan.Zero, TimeSpan.FromSeconds(30), stopping.Token), 12), 7.95, 8.3);
    }

    [Fact]
    public async Task A_probe_that_never_succeeds_holds_a_watch_no_longer_than_the_guard()
    {
        var probe = Probe();
        Assert.InRange(await SecondsUntil(probe.WaitAsync(TimeSpan.FromSeconds(1), TimeSpan.Zero, TimeSpan.FromSeconds(30), stopping.Token), 35), 29.95, 30.3);
    }

    [Fact]
    public async Task Retry_after_is_honoured_even_when_consul_recovers_sooner()
    {
        var probe = Probe();
        var wait = probe.WaitAsync(TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(30), stopping.Token);
        await Advance(2.5);                                 // probes at 0.25 and 2.25 s fail
        healthy = true;                                     // probe at 5.25 s succeeds: a recovery, but 7 s were asked
        Assert.InRange(await SecondsUntil(wait, 10), 4.45, 4.8);
    }

    [Fact]
    public async Task The_probe_runs_only_while_someone_waits()
    {
        healthy = true;
        var probe = Probe();
        await SecondsUntil(probe.WaitAsync(TimeSpan.FromSeconds(1), TimeSpan.Zero, TimeSpan.FromSeconds(30), stopping.Token), 5);
        var after = probes;
        await Advance(20);
        Assert.InRange(probes - after, 0, 1);              // at most the one already under way
        Assert.Equal(probes, probe.Probes);
    }
}

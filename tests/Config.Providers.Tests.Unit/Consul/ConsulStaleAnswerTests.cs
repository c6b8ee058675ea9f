using System.Threading.Channels;
using Config.Providers.Consul;
using Config.Providers.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Config.Providers.Tests.Consul;

/// <summary>
/// An answer whose index went back is confirmed by a consistent read before anything is applied: an old leader's stale
/// answer during an election must not take a value back (62 → 61 was seen in a cluster-fault run), while a real reset
/// (an agent restarted with fresh state) is still followed at once. The queries are scripts; what the loop applies and
/// asks for is recorded and awaited with a bound.
/// </summary>
public sealed class ConsulStaleAnswerTests
{
    private readonly Channel<(string Value, ConsulIndexStep Step)> taken = Channel.CreateUnbounded<(string, ConsulIndexStep)>();
    private readonly Channel<ulong> asked = Channel.CreateUnbounded<ulong>();
    private int confirmations;

    [Fact]
    public async Task A_stale_answer_behind_the_applied_index_is_dropped_for_the_leaders_consistent_answer()
    {
        using var stop = Run(
            [Answer(61, "value-61")],
            Answer(62, "value-62"));

        var (value, step) = await NextTaken();

        Assert.Equal("value-62", value);              // never value-61
        Assert.False(step.WentBack);
        Assert.Equal(62UL, await NextAsked());        // the first query, blocking on what startup read
        Assert.Equal(62UL, await NextAsked());        // and the next one blocks on the confirmed index, not the stale one
        Assert.Equal(1, confirmations);
    }

    [Fact]
    public async Task A_reset_the_consistent_read_confirms_is_followed_as_a_reset()
    {
        using var stop = Run(
            [Answer(5, "fresh-state")],
            Answer(5, "fresh-state"));

        var (value, step) = await NextTaken();

        Assert.Equal("fresh-state", value);
        Assert.True(step.WentBack);                   // the reset guard judges it as a reset
        Assert.Equal((62UL, 5UL), (step.Previous, step.Current));
        Assert.Equal(62UL, await NextAsked());
        Assert.Equal(5UL, await NextAsked());
    }

    [Fact]
    public async Task A_failed_confirmation_applies_nothing_and_the_next_read_does_not_block()
    {
        using var stop = Run(
            [Answer(61, "value-61"), Answer(63, "value-63")],
            () => throw new ConsulException("Consul answered 500 Internal Server Error: \"No cluster leader\"", 500));

        var (value, step) = await NextTaken();

        Assert.Equal("value-63", value);              // the stale answer was never applied
        Assert.Equal((62UL, 63UL), (step.Previous, step.Current));
        Assert.Equal(62UL, await NextAsked());
        Assert.Equal(0UL, await NextAsked());         // after the failure: read at once
    }

    [Fact]
    public async Task An_index_moving_forward_is_never_confirmed()
    {
        using var stop = Run(
            [Answer(63, "value-63")],
            () => throw new InvalidOperationException("not asked"));

        Assert.Equal("value-63", (await NextTaken()).Value);
        Assert.Equal(0, confirmations);
    }

    private static Func<ConsulQueryResult<string>> Answer(ulong index, string value) => () => new ConsulQueryResult<string>(value, index, Found: true);

    private async Task<(string Value, ConsulIndexStep Step)> NextTaken()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await taken.Reader.ReadAsync(bound.Token);
    }

    private async Task<ulong> NextAsked()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await asked.Reader.ReadAsync(bound.Token);
    }

    /// <summary>Starts a watch on index 62 (what startup read) that answers from <paramref name="script"/> and confirms with <paramref name="confirm"/>.</summary>
    private CancellationTokenSource Run(Func<ConsulQueryResult<string>>[] script, Func<ConsulQueryResult<string>> confirm)
    {
        var stop = new CancellationTokenSource();
        var queue = new Queue<Func<ConsulQueryResult<string>>>(script);
        var timing = new ConsulWatchTiming(TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1), TimeProvider.System) { Jitter = () => 0.0 };
        var loop = new ConsulWatchLoop<string>(
            "config/orders/",
            (index, _, _) =>
            {
                asked.Writer.TryWrite(index);
                return queue.TryDequeue(out var next) ? Attempt(next) : new TaskCompletionSource<ConsulQueryResult<string>>().Task;
            },
            (value, step) =>
            {
                taken.Writer.TryWrite((value, step));
                return true;
            },
            timing,
            "http://consul:8500",
            NullLogger.Instance,
            new SourceStatus("consul_kv", "test", TimeProvider.System),
            confirm: _ =>
            {
                Interlocked.Increment(ref confirmations);
                return Attempt(confirm);
            });
        _ = loop.RunAsync(62, stop.Token);
        return stop;
    }

    private static Task<ConsulQueryResult<string>> Attempt(Func<ConsulQueryResult<string>> answer)
    {
        try
        {
            return Task.FromResult(answer());
        }
        catch (Exception e)
        {
            return Task.FromException<ConsulQueryResult<string>>(e);
        }
    }
}

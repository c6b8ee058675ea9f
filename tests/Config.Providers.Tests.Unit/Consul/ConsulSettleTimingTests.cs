using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Config.Providers.Consul;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;

namespace Config.Providers.Tests.Consul;

/// <summary>
/// Quiescence (<c>SettleTime</c>) on a fake clock, with exact expectations: a change is applied once the folder has
/// been quiet for the settle time, later changes re-arm the wait, and a folder that never goes quiet is applied after
/// <c>MaxSettleTime</c>. Consul's answers are a script here — this is the timing rule alone; the same behaviour
/// against a real agent is in ConsulQuiescenceTests.
/// </summary>
public sealed class ConsulSettleTimingTests : IDisposable
{
    private readonly FakeTimeProvider time = new();
    private readonly ScriptedConsul consul = new();
    private readonly HttpClient http;
    private readonly ConfigurationRoot configuration;
    private int reloads;

    public ConsulSettleTimingTests()
    {
        http = new HttpClient(consul);
        var source = new ConsulKvConfigurationSource
        {
            Client = new ConsulClientOptions { Address = new Uri("http://consul.test:8500") },
            Service = "orders",
            HttpClient = http,
            TimeProvider = time,
            MinimumInterval = TimeSpan.Zero,   // the next query follows each answer at once: its arrival says the answer was taken
            SettleTime = TimeSpan.FromSeconds(2),
        };
        source.FolderLayout.Clear();
        source.FolderLayout.Add("{service}");
        configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(source).Build();
        ChangeToken.OnChange(configuration.GetReloadToken, () => Interlocked.Increment(ref reloads));
    }

    public void Dispose()
    {
        configuration.Dispose();
        http.Dispose();
    }

    [Fact]
    public async Task A_change_waits_for_the_settle_time_after_the_last_one_and_both_apply_together()
    {
        Assert.Equal("0", configuration["Level"]);
        await consul.WaitForBlockingQuery();

        await consul.Answer(6, ("Level", "1"));
        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Equal((0, "0"), (reloads, configuration["Level"]));

        await consul.Answer(7, ("Level", "1"), ("Mode", "fast"));   // the quiet starts over
        time.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        Assert.Equal((0, "0"), (reloads, configuration["Level"]));

        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal((1, "1", "fast"), (reloads, configuration["Level"], configuration["Mode"]));
    }

    [Fact]
    public async Task A_folder_that_never_goes_quiet_is_applied_after_the_longest_wait_four_settle_times()
    {
        await consul.WaitForBlockingQuery();

        // A change every 1.5 s: never 2 s of quiet. Applied 8 s after the first held change, with what came by then.
        for (var i = 1; i <= 5; i++)
        {
            await consul.Answer((ulong)(5 + i), ("Level", i.ToString()));
            time.Advance(TimeSpan.FromSeconds(1.5));
            Assert.Equal(0, reloads);
        }

        await consul.Answer(11, ("Level", "6"));                      // at 7.5 s
        time.Advance(TimeSpan.FromSeconds(0.5) - TimeSpan.FromTicks(1));
        Assert.Equal(0, reloads);
        time.Advance(TimeSpan.FromTicks(1));                           // at 8 s
        Assert.Equal((1, "6"), (reloads, configuration["Level"]));
    }

    /// <summary>
    /// Answers the provider's reads of <c>config/orders/</c>: the first (startup) at once with Level=0; each blocking
    /// query when the test gives the next answer.
    /// </summary>
    private sealed class ScriptedConsul : HttpMessageHandler
    {
        private readonly ConcurrentQueue<TaskCompletionSource<HttpResponseMessage>> waiting = new();
        private readonly SemaphoreSlim arrived = new(0);

        /// <summary>Completes when the provider's next blocking query has arrived (after it took the previous answer).</summary>
        public async Task WaitForBlockingQuery() => Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(10)), "no blocking query arrived");

        /// <summary>Answers the waiting blocking query, and returns once the provider has taken it (its next query arrived).</summary>
        public async Task Answer(ulong index, params (string Key, string Value)[] entries)
        {
            Assert.True(waiting.TryDequeue(out var query), "no query is waiting");
            query.SetResult(Listing(index, entries));
            await WaitForBlockingQuery();
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.Query.Contains("index=", StringComparison.Ordinal))
            {
                return Task.FromResult(Listing(5, ("Level", "0")));
            }

            var answer = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            cancellationToken.Register(() => answer.TrySetCanceled(cancellationToken));
            waiting.Enqueue(answer);
            arrived.Release();
            return answer.Task;
        }

        private static HttpResponseMessage Listing(ulong index, params (string Key, string Value)[] entries)
        {
            var json = "[" + string.Join(",", entries.Select(e =>
                $$"""{"Key":"config/orders/{{e.Key}}","Value":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(e.Value))}}","ModifyIndex":{{index}}}""")) + "]";
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            response.Headers.Add("X-Consul-Index", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return response;
        }
    }
}

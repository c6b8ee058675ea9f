using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Config.Providers.Consul;
using Config.Providers.Diagnostics;
using Config.Providers.Testing;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Config.Providers.Tests.Consul;

/// <summary>
/// How often a watch asks Consul, on a real agent: an empty folder is not woken into polling by writes elsewhere, a
/// hung Consul at startup is never silent, and a stalled blocking answer is given up soon after its wait.
/// </summary>
[Collection(TimedTests.Name)]
public sealed class ConsulWatchPacingTests(ConsulAgentFixture fixture) : IClassFixture<ConsulAgentFixture>
{
    private ConsulAgent Agent => fixture.Agent;

    private static string NewService() => "svc" + Guid.NewGuid().ToString("N")[..8];

    [ConsulFact]
    public async Task An_empty_folder_is_not_woken_into_polling_by_writes_elsewhere_and_a_first_key_in_it_applies_within_5_s()
    {
        var service = NewService();
        var root = "pace-" + service;
        using var consul = Agent.Client();
        await consul.PutAsync($"{root}/{service}/Level", "info");
        var empty = $"{root}/{service}-empty/";
        var sent = new PathRequests("/v1/kv/" + empty);
        using var http = new HttpClient(sent) { Timeout = Timeout.InfiniteTimeSpan };
        // A short wait, so the empty folder's query is re-armed while the writes go on (with a long one it would sleep
        // through them, and start polling only when re-armed during such a burst, as after a restart).
        var source = new ConsulKvConfigurationSource
        {
            Client = new ConsulClientOptions { Address = Agent.Address }, Root = root, Service = service, HttpClient = http, WaitTime = TimeSpan.FromSeconds(2),
        };
        source.FolderLayout.Clear();
        source.FolderLayout.Add("{service}");
        source.FolderLayout.Add("{service}-empty");
        using var requests = new PartRequests(empty);
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(source).Build();
        Assert.Equal("info", configuration["Level"]);

        // Consul moves an empty folder's index on every write anywhere in the store: 20 writes/s elsewhere for 10 s.
        var (before, sentBefore) = (requests.Count, sent.Count);
        using (var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(50)))
        {
            var writing = Stopwatch.StartNew();
            for (var i = 0; writing.Elapsed < TimeSpan.FromSeconds(10); i++)
            {
                await consul.PutAsync($"elsewhere-{service}/Counter", i.ToString());
                await pace.WaitForNextTickAsync();
            }
        }

        var during = sent.Count - sentBefore;
        Assert.True(during <= 10, $"the empty folder's watch made {during} requests during 10 s of writes elsewhere (at most 10 expected)");
        Assert.InRange(requests.Count - before, during - 1, during + 1);   // the sources metric counts them by folder

        var written = Stopwatch.StartNew();
        await consul.PutAsync(empty + "Fresh", "yes");
        await configuration.WaitForValue("Fresh", "yes", TimeSpan.FromSeconds(15));
        Assert.True(written.Elapsed <= TimeSpan.FromSeconds(5), $"the first key of the empty folder was applied after {written.Elapsed.TotalSeconds:0.0} s");
    }

    [ConsulFact]
    public async Task A_hung_consul_at_startup_is_reported_within_2_s_and_at_least_every_2_s_after()
    {
        await using var proxy = FaultProxy.Start(Agent.Address);
        proxy.Inject(ProxyFault.Hang);
        using var logs = new TimedLogs();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var source = new ConsulKvConfigurationSource
        {
            Client = new ConsulClientOptions { Address = proxy.Address },
            Service = NewService(),
            StartupTimeout = TimeSpan.FromSeconds(7),
            LoggerFactory = factory,
        };

        var startedAt = logs.Clock.Elapsed;
        var error = await Assert.ThrowsAsync<ConsulException>(() => Task.Run(() => new ConfigurationBuilder().Add(source).Build()).WaitAsync(TimeSpan.FromSeconds(30)));
        var failedAt = logs.Clock.Elapsed;

        Assert.Contains("did not answer within 7 s", error.Message);
        var lines = logs.At(300);
        Assert.True(lines.Count >= 4, $"only {lines.Count} progress line(s) in 7 s of waiting:\n{string.Join('\n', lines)}");
        Assert.Contains("no complete answer yet while reading config/", lines[0].Text);
        var silences = lines.Select(l => l.At).Prepend(startedAt).Append(failedAt).Zip(lines.Select(l => l.At).Append(failedAt), (a, b) => b - a);
        Assert.All(silences, silence => Assert.True(silence <= TimeSpan.FromSeconds(2), $"{silence.TotalSeconds:0.00} s without a progress line:\n{string.Join('\n', lines)}"));
    }

    [ConsulFact]
    public async Task A_stalled_blocking_answer_fails_and_is_retried_within_the_wait_its_jitter_and_5_s()
    {
        var service = NewService();
        using var consul = Agent.Client();
        await consul.PutAsync($"config/{service}/Level", "info");
        await using var proxy = FaultProxy.Start(Agent.Address);
        var arrivals = new ConcurrentQueue<TimeSpan>();
        var clock = Stopwatch.StartNew();
        proxy.BeforeForward = (_, _) =>
        {
            arrivals.Enqueue(clock.Elapsed);
            return Task.CompletedTask;
        };
        var logs = new CapturedLogs();
        var wait = TimeSpan.FromSeconds(2);
        var source = new ConsulKvConfigurationSource
        {
            Client = new ConsulClientOptions { Address = proxy.Address },   // the default request timeout, 30 s
            Service = service,
            WaitTime = wait,
            LoggerFactory = logs.Factory(),
        };
        source.FolderLayout.Clear();
        source.FolderLayout.Add("{service}");
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(source).Build();
        Assert.Equal("info", configuration["Level"]);

        var failed = logs.Next(302);
        proxy.Inject(ProxyFault.StallBody, times: 1);
        Assert.Contains("stalled while sending its answer", await failed.WaitAsync(TimeSpan.FromSeconds(60)));
        var failedAt = clock.Elapsed;
        while (!arrivals.Any(a => a > failedAt))
        {
            await proxy.WaitForRequestsAsync(proxy.Requests + 1, TimeSpan.FromSeconds(30));
        }

        // The stalled query is the last to arrive before the failure was logged; the retry the first after it.
        var stalled = arrivals.Last(a => a <= failedAt);
        var retried = arrivals.First(a => a > failedAt);
        var bound = wait + (wait / 16) + TimeSpan.FromSeconds(5);
        Assert.True(retried - stalled <= bound, $"the retry came {(retried - stalled).TotalSeconds:0.00} s after the stalled query (bound {bound.TotalSeconds:0.00} s)");
        Assert.Equal("info", configuration["Level"]);
    }

    /// <summary>Requests sent for one path, counted on the wire.</summary>
    private sealed class PathRequests(string path) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath == path)
            {
                Interlocked.Increment(ref count);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Requests counted by the sources metric for one part (a folder), matched by its own tag.</summary>
    private sealed class PartRequests : IDisposable
    {
        private readonly MeterListener listener = new();
        private long count;

        public PartRequests(string part)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SourceMetrics.MeterName && instrument.Name == "config_providers.source.requests")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "source.part" && (string?)tag.Value == part)
                    {
                        Interlocked.Add(ref count, value);
                    }
                }
            });
            listener.Start();
        }

        public long Count => Interlocked.Read(ref count);

        public void Dispose() => listener.Dispose();
    }

    /// <summary>Log lines with the time they were written.</summary>
    private sealed class TimedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<(TimeSpan At, int EventId, string Text)> entries = new();

        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public IReadOnlyList<(TimeSpan At, string Text)> At(int eventId) => [.. entries.Where(e => e.EventId == eventId).Select(e => (e.At, e.Text))];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(TimedLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.entries.Enqueue((owner.Clock.Elapsed, eventId.Id, formatter(state, exception)));
        }
    }
}

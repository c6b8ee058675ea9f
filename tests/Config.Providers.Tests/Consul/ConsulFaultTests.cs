using System.Diagnostics;
using Config.Providers.Consul;
using Config.Providers.Diagnostics;
using Config.Providers.Testing;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Tests.Consul;

/// <summary>
/// A misbehaving proxy in front of a real agent: stalled and dropped bodies, missing indexes, oversized and non-JSON
/// answers, rate limiting. Each test bounds its waits; none sleeps to let things settle.
/// </summary>
public sealed class ConsulFaultTests(ConsulAgentFixture fixture) : IClassFixture<ConsulAgentFixture>
{
    private ConsulAgent Agent => fixture.Agent;

    private static ConsulKvConfigurationSource Source(Uri address, CapturedLogs logs, string service, Action<ConsulClientOptions>? client = null)
    {
        var options = new ConsulClientOptions { Address = address, RequestTimeout = TimeSpan.FromSeconds(1) };
        client?.Invoke(options);
        return new ConsulKvConfigurationSource
        {
            Client = options,
            Service = service,
            WaitTime = TimeSpan.FromSeconds(2),
            StartupTimeout = TimeSpan.FromSeconds(20),
            MaximumBackoff = TimeSpan.FromSeconds(1),
            LoggerFactory = logs.Factory(),
        };
    }

    private async Task<string> SeedAsync(params (string Key, string Value)[] pairs)
    {
        var service = "svc" + Guid.NewGuid().ToString("N")[..8];
        using var consul = Agent.Client();
        foreach (var (key, value) in pairs)
        {
            await consul.PutAsync($"config/{service}/{key}", value);
        }

        return service;
    }

    private async Task PutAsync(string service, string key, string value)
    {
        using var consul = Agent.Client();
        await consul.PutAsync($"config/{service}/{key}", value);
    }

    [ConsulFact]
    public async Task A_body_that_stalls_fails_the_query_within_its_timeout_and_the_watch_recovers()
    {
        var service = await SeedAsync(("Level", "info"));
        await using var proxy = FaultProxy.Start(Agent.Address);
        var logs = new CapturedLogs();
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(Source(proxy.Address, logs, service)).Build();
        Assert.Equal("info", configuration["Level"]);

        var failed = logs.Next(302);
        var recovered = logs.Next(303);
        proxy.Inject(ProxyFault.StallBody, times: 1);
        // Half an answer, then silence: the folder with data stalls mid-body, an empty one mid-head.
        Assert.Matches("stalled while sending its answer|did not answer GET", await failed.Within());
        Assert.Equal("info", configuration["Level"]);
        await recovered.Within();

        await PutAsync(service, "Level", "debug");
        await configuration.WaitForValue("Level", "debug");
    }

    [ConsulFact]
    public async Task A_body_that_stalls_at_startup_fails_it_within_the_startup_timeout()
    {
        var service = await SeedAsync(("Level", "info"));
        await using var proxy = FaultProxy.Start(Agent.Address);
        proxy.Inject(ProxyFault.StallBody);
        var logs = new CapturedLogs();
        var source = Source(proxy.Address, logs, service, o => o.RequestTimeout = TimeSpan.FromSeconds(30));
        source.StartupTimeout = TimeSpan.FromSeconds(3);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ConsulException>(() => Task.Run(() => new ConfigurationBuilder().Add(source).Build()).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3) + ConsulRetry.LastAttempt + TimeSpan.FromSeconds(2));
        Assert.Contains("did not answer within 3 s", error.Message);
    }

    [ConsulFact]
    public async Task A_connection_dropped_mid_body_at_startup_is_retried_and_the_service_starts()
    {
        var service = await SeedAsync(("Level", "info"), ("Filler", new string('x', 4000)));
        await using var proxy = FaultProxy.Start(Agent.Address);
        proxy.Inject(ProxyFault.DropMidBody, times: 2);
        var logs = new CapturedLogs();
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(Source(proxy.Address, logs, service)).Build();
        Assert.Equal("info", configuration["Level"]);
        Assert.True(logs.At(300).Any(l => l.Text.Contains("dropped the connection before its answer was complete", StringComparison.Ordinal)), string.Join("\n", logs.Lines));
    }

    [ConsulFact]
    public async Task A_connection_dropped_mid_body_at_runtime_is_a_logged_failure_and_the_watch_goes_on()
    {
        var service = await SeedAsync(("Level", "info"), ("Filler", new string('x', 4000)));
        await using var proxy = FaultProxy.Start(Agent.Address);
        var logs = new CapturedLogs();
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(Source(proxy.Address, logs, service)).Build();

        var failed = logs.Next(302);
        proxy.Inject(ProxyFault.DropMidBody, times: 1);
        await PutAsync(service, "Level", "warn");
        var line = await failed.Within();
        Assert.True(line.Contains("dropped the connection", StringComparison.Ordinal), line);
        await configuration.WaitForValue("Level", "warn");
    }

    [ConsulFact]
    public async Task Answers_without_an_index_are_polled_at_a_falling_rate_not_in_a_busy_loop()
    {
        var service = await SeedAsync(("Level", "info"));
        await using var proxy = FaultProxy.Start(Agent.Address);
        proxy.Inject(ProxyFault.StripIndex);
        var logs = new CapturedLogs();
        var noIndex = logs.Next(309);
        var clock = Stopwatch.StartNew();
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(Source(proxy.Address, logs, service)).Build();
        Assert.Contains("without a usable X-Consul-Index", await noIndex.Within());

        // Ten requests: two at startup, then four by each folder's watch. A busy loop at the 100 ms minimum interval
        // makes them in about 0.3 s; backing off (half to all of 500 ms, 1 s, 1 s here) takes at least 0.25+0.5+0.5 s.
        await proxy.WaitForRequestsAsync(10, ReloadWaits.Timeout);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.25), $"10 requests in {clock.Elapsed.TotalSeconds:0.00} s");

        // Polling still delivers changes.
        await PutAsync(service, "Level", "debug");
        await configuration.WaitForValue("Level", "debug");
    }

    [ConsulFact]
    public async Task An_oversized_answer_is_rejected_with_a_clear_error_and_the_last_good_values_stay()
    {
        var service = await SeedAsync(("Level", "info"));
        await using var proxy = FaultProxy.Start(Agent.Address);
        var logs = new CapturedLogs();
        var source = Source(proxy.Address, logs, service, o => o.MaxResponseBytes = 1024 * 1024);
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(source).Build();
        var status = ((ISourceStatusProvider)configuration.Providers.Single()).Status;

        // Once the folder's watch has failed twice, a change cannot arrive through it.
        var folder = $"config/{service}/";
        proxy.Inject(ProxyFault.Oversize);
        await logs.WaitUntil(l => l.At(302).Any(e => e.Text.Contains(folder, StringComparison.Ordinal)));
        await PutAsync(service, "Level", "debug");
        await logs.WaitUntil(l => l.At(302).Any(e => e.Text.Contains(folder, StringComparison.Ordinal) && e.Text.Contains("failed 2 time", StringComparison.Ordinal)));
        Assert.Contains(logs.At(302), e => e.Text.Contains("larger than 1,048,576 bytes", StringComparison.Ordinal));
        Assert.Equal("info", configuration["Level"]);
        Assert.Contains(status.Problems, p => p.Reason.Contains("larger than", StringComparison.Ordinal));

        proxy.Inject(ProxyFault.None);
        await configuration.WaitForValue("Level", "debug");
        await logs.WaitUntil(_ => status.Problems.Count == 0);
    }

    [ConsulFact]
    public async Task A_proxy_page_instead_of_json_is_named_as_such()
    {
        var service = await SeedAsync(("Level", "info"));
        await using var proxy = FaultProxy.Start(Agent.Address);
        proxy.Inject(ProxyFault.Html);
        var logs = new CapturedLogs();
        var source = Source(proxy.Address, logs, service);
        source.StartupTimeout = TimeSpan.FromSeconds(1);
        var error = Assert.Throws<ConsulException>(() => new ConfigurationBuilder().Add(source).Build());
        Assert.Contains("answered 200 with text/html, not JSON", error.Message);
    }

    [ConsulFact]
    public async Task Retry_after_is_honoured_and_the_proxy_or_consul_message_is_quoted()
    {
        var service = await SeedAsync(("Level", "info"));
        await using var proxy = FaultProxy.Start(Agent.Address);
        proxy.RetryAfterSeconds = 3;
        var logs = new CapturedLogs();
        var source = Source(proxy.Address, logs, service);
        source.MaximumBackoff = TimeSpan.FromSeconds(10);   // Retry-After is honoured up to the backoff ceiling
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(source).Build();

        var failed = logs.Next(302);
        proxy.Inject(ProxyFault.TooManyRequests);
        await PutAsync(service, "Level", "debug");
        var line = await failed.Within();
        Assert.Contains("429", line);
        Assert.Contains("\"rate limit exceeded\"", line);
        Assert.Contains("retrying in 3.0 s", line);
    }
}

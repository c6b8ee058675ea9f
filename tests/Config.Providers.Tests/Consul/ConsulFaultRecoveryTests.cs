using System.Diagnostics;
using System.Globalization;
using Config.Providers.Consul;
using Config.Providers.Testing;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace Config.Providers.Tests.Consul;

/// <summary>
/// After each fault a proxy can produce, lasting 30 s while a writer keeps writing, the first value written once the
/// proxy passes requests through again reaches the configuration within 5 s (429: within its Retry-After + 5 s), and
/// the requests sent while it failed are counted (docs/providers/consul.md, "After a fault"). One agent, one proxy
/// and one provider (the default four folders) per fault, all at once.
/// </summary>
[Collection(TimedTests.Name)]
public sealed class ConsulFaultRecoveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FaultLength = TimeSpan.FromSeconds(30);

    private static readonly ProxyFault[] Faults =
    [
        ProxyFault.Drop, ProxyFault.DropMidBody, ProxyFault.Truncate, ProxyFault.StallBody, ProxyFault.Hang, ProxyFault.Delay,
        ProxyFault.ServerError, ProxyFault.TooManyRequests, ProxyFault.Html, ProxyFault.StripIndex, ProxyFault.Oversize,
    ];

    [ConsulFact]
    public async Task After_30_s_of_each_fault_the_first_value_written_after_it_is_seen_within_5_s()
    {
        await using var agent = await ConsulAgent.StartAsync();
        using var writer = agent.Client();
        await writer.PutAsync("config/orders/Counter", "0");

        var proxies = new List<FaultProxy>();
        var configurations = new List<ConfigurationRoot>();
        try
        {
            foreach (var _ in Faults)
            {
                // Oversize: past the client's 32 MiB limit (MaxResponseBytes), so every such answer is refused.
                var proxy = FaultProxy.Start(agent.Address);
                proxy.OversizeBytes = 40 * 1024 * 1024;
                proxies.Add(proxy);
                configurations.Add((ConfigurationRoot)new ConfigurationBuilder().Add(new ConsulKvConfigurationSource
                {
                    Client = new ConsulClientOptions { Address = proxy.Address },
                    Service = "orders",
                    Environment = "Production",
                    WaitTime = TimeSpan.FromSeconds(15),   // a hung request is given up within 15 s + 15/16 s + 3 s
                }).Build());
            }

            Assert.All(configurations, c => Assert.Equal("0", c["Counter"]));

            // The fault: 30 s in which a writer writes every second (the waits below are the fault, not settling).
            var before = proxies.Select(p => p.Requests).ToArray();
            for (var i = 0; i < Faults.Length; i++)
            {
                proxies[i].Inject(Faults[i]);
            }

            var fault = Stopwatch.StartNew();
            for (var n = 1; fault.Elapsed < FaultLength; n++)
            {
                await writer.PutAsync("config/orders/Counter", n.ToString(CultureInfo.InvariantCulture));
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            foreach (var proxy in proxies)
            {
                proxy.Inject(ProxyFault.None);
            }

            var during = proxies.Select((p, i) => (p.Requests - before[i]) / fault.Elapsed.TotalSeconds).ToArray();
            var clock = Stopwatch.StartNew();
            await writer.PutAsync("config/orders/Counter", "after");
            var seen = await Task.WhenAll(configurations.Select(async c =>
            {
                await c.WaitForValue("Counter", "after", TimeSpan.FromSeconds(120));
                return clock.Elapsed;
            }));

            output.WriteLine("| fault (30 s) | requests/s during | first fresh value after |");
            output.WriteLine("|---|---|---|");
            for (var i = 0; i < Faults.Length; i++)
            {
                output.WriteLine($"| {Faults[i]} | {during[i]:0.00} | {seen[i].TotalSeconds:0.0} s |");
            }

            for (var i = 0; i < Faults.Length; i++)
            {
                // While Consul fails it gets the probe's small request every few seconds, not four watches' reads
                // (before the probe: 0.85–0.93 requests/s with the default four folders for these faults, docs/providers/consul.md;
                // a fault as long as MaximumBackoff may end with each watch's own retry).
                Assert.True(during[i] <= 0.75, $"{Faults[i]}: {during[i]:0.00} requests/s while failing");
                var bound = TimeSpan.FromSeconds(5) + (Faults[i] == ProxyFault.TooManyRequests ? TimeSpan.FromSeconds(proxies[i].RetryAfterSeconds) : TimeSpan.Zero);
                Assert.True(seen[i] <= bound, $"{Faults[i]}: the value written after the fault was seen after {seen[i].TotalSeconds:0.0} s (bound {bound.TotalSeconds:0} s)");
            }
        }
        finally
        {
            foreach (var configuration in configurations)
            {
                configuration.Dispose();
            }

            foreach (var proxy in proxies)
            {
                await proxy.DisposeAsync();
            }
        }
    }
}

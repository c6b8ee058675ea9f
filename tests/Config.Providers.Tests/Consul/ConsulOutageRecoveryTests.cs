using System.Diagnostics;
using Config.Providers.Consul;
using Config.Providers.Testing;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Tests.Consul;

/// <summary>
/// A newcomer's outage: Consul stopped for 30 s, then started again. The values flow again within 3 s of Consul
/// answering — the backoff that kept growing while nothing answered (it reached 16 s and more) stops at 2 s for an
/// address where nothing listens, which costs Consul nothing.
/// </summary>
[Collection(TimedTests.Name)]
public sealed class ConsulOutageRecoveryTests
{
    [ConsulFact]
    public async Task After_30_s_with_consul_stopped_a_value_written_once_it_answers_is_seen_within_3_s()
    {
        await using var agent = await ConsulAgent.StartAsync();
        using (var consul = agent.Client())
        {
            await consul.PutAsync("config/orders/Level", "info");
        }

        var logs = new CapturedLogs();
        var source = new ConsulKvConfigurationSource
        {
            Client = new ConsulClientOptions { Address = agent.Address },
            Service = "orders",
            WaitTime = TimeSpan.FromMinutes(1),   // defaults otherwise: MaximumBackoff 30 s
            LoggerFactory = logs.Factory(),
        };
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(source).Build();
        Assert.Equal("info", configuration["Level"]);

        var failing = logs.Next(302);
        await agent.StopAsync();
        await failing.Within();

        // The outage itself: 30 s in which every attempt is refused (this wait is the fault, not a settling pause).
        await Task.Delay(TimeSpan.FromSeconds(30));
        Assert.Equal("info", configuration["Level"]);
        var failures = logs.At(302).Count(l => l.Text.Contains("config/orders/", StringComparison.Ordinal));

        await agent.RestartAsync();   // answers again (fresh state: the index starts over)
        var clock = Stopwatch.StartNew();
        using (var consul = agent.Client())
        {
            await consul.PutAsync("config/orders/Level", "debug");
        }

        await configuration.WaitForValue("Level", "debug", TimeSpan.FromSeconds(30));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"seen {clock.Elapsed.TotalSeconds:0.0} s after Consul answered again");
        Assert.True(failures <= 5, $"{failures} failure lines for one folder in 30 s: logged at the 1st, 2nd, 4th … failure only");
    }
}

using System.Diagnostics;
using Config.Providers.Consul;
using Config.Providers.Diagnostics;
using Config.Providers.Testing;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Tests.Consul;

/// <summary>
/// A 3-server cluster wiped and started again empty (its index starts over): the application keeps its values, the
/// sources health says the folder is held and why (event 315), and the first write to the new cluster — which moves
/// the index past the reset — applies within seconds (event 316).
/// </summary>
[Collection(TimedTests.Name)]
public sealed class ConsulResetGuardTests
{
    [ConsulFact]
    public async Task A_cluster_wiped_and_started_empty_does_not_reset_the_values_until_a_write_confirms_its_new_state()
    {
        await using var cluster = await ConsulCluster.StartAsync();
        using (var consul = cluster.Client.Http())
        {
            for (var i = 0; i < 40; i++)
            {
                await consul.PutAsync($"config/orders/Filler{i % 4}", i.ToString());   // moves the index well past a new cluster's
            }

            await consul.PutAsync("config/orders/Counter", "150");
        }

        var logs = new CapturedLogs();
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(new ConsulKvConfigurationSource
        {
            Client = new ConsulClientOptions { Address = cluster.Client.Address },
            Service = "orders",
            WaitTime = TimeSpan.FromSeconds(5),
            LoggerFactory = logs.Factory(),
        }).Build();
        Assert.Equal("150", configuration["Counter"]);

        // Every node killed, its data removed, and the cluster started again from nothing.
        var held = logs.Next(315);
        foreach (var node in cluster.Servers.Append(cluster.Client))
        {
            await node.StopAsync();
            Directory.Delete(node.DataDirectory, recursive: true);
            Directory.CreateDirectory(node.DataDirectory);
        }

        foreach (var node in cluster.Servers.Append(cluster.Client))
        {
            node.Start();
        }

        await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(90));
        await cluster.Client.WaitForKvAsync(TimeSpan.FromSeconds(60));
        var warning = await held.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains("config/orders/", warning);
        Assert.Equal("150", configuration["Counter"]);
        Assert.NotNull(configuration["Filler0"]);
        var problems = SourceStatuses.Of(configuration).SelectMany(s => s.Problems).ToList();
        Assert.Contains(problems, p => p.Part == "config/orders/ (held after an index reset)");

        // A write confirms the new cluster's state: it applies, whole.
        var confirmed = logs.Next(316);
        var clock = Stopwatch.StartNew();
        using (var consul = cluster.Client.Http())
        {
            await consul.PutAsync("config/orders/Counter", "7");
        }

        await configuration.WaitForValue("Counter", "7", TimeSpan.FromSeconds(30));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the first write after the wipe was seen after {clock.Elapsed.TotalSeconds:0.0} s");
        await confirmed.Within();
        Assert.Null(configuration["Filler0"]);
        Assert.DoesNotContain(SourceStatuses.Of(configuration).SelectMany(s => s.Problems), p => p.Part.Contains("held", StringComparison.Ordinal));
    }

    [ConsulFact]
    public async Task A_service_starting_against_a_consul_restored_empty_starts_from_its_snapshot_and_says_so()
    {
        await using var agent = await ConsulAgent.StartAsync();
        using var directory = new TempDirectory();
        var snapshot = directory.File("consul-snapshot.json");
        using (var consul = agent.Client())
        {
            for (var i = 0; i < 20; i++)
            {
                await consul.PutAsync($"config/orders/Filler{i % 4}", i.ToString());
            }

            await consul.PutAsync("config/orders/Counter", "150");
        }

        ConsulKvConfigurationSource Source(CapturedLogs logs) => new()
        {
            Client = new ConsulClientOptions { Address = agent.Address },
            Service = "orders",
            WaitTime = TimeSpan.FromSeconds(5),
            SnapshotPath = snapshot,
            LoggerFactory = logs.Factory(),
        };

        using (var first = (ConfigurationRoot)new ConfigurationBuilder().Add(Source(new CapturedLogs())).Build())
        {
            Assert.Equal("150", first["Counter"]);   // and the snapshot is written
        }

        await agent.StopAsync();
        await agent.RestartAsync();                   // a dev agent: empty, its index starting over

        var logs = new CapturedLogs();
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(Source(logs)).Build();
        Assert.Equal("150", configuration["Counter"]);
        Assert.Contains("config/orders/", Assert.Single(logs.At(315)).Text);
        Assert.Contains(SourceStatuses.Of(configuration).SelectMany(s => s.Problems), p => p.Part == "config/orders/ (held after an index reset)");

        using (var consul = agent.Client())
        {
            await consul.PutAsync("config/orders/Counter", "7");
        }

        await configuration.WaitForValue("Counter", "7", TimeSpan.FromSeconds(10));
        Assert.Null(configuration["Filler0"]);
    }
}

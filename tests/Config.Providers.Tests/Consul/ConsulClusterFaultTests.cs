using System.Collections.Concurrent;
using System.Diagnostics;
using Config.Providers.Consul;
using Config.Providers.Testing;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Config.Providers.Tests.Consul;

/// <summary>Starts one 3-server cluster (plus a client agent) for the fault suite.</summary>
public sealed class ConsulClusterFixture : IAsyncLifetime
{
    public ConsulCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (ConsulAgent.UnavailableReason is not null && Environment.GetEnvironmentVariable("CONSUL_REQUIRED") != "1")
        {
            return;
        }

        Cluster = await ConsulCluster.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}

/// <summary>
/// Faults of a real 3-server Consul cluster on loopback while a writer changes a <c>[Mutable]</c> value 200 times and
/// an application follows it through its client agent: the final value is seen, observed values never go back, no
/// task exception goes unobserved, nothing crashes. Each scenario prints its stall (docs/providers/consul.md).
/// </summary>
public sealed class ConsulClusterFaultTests(ConsulClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ConsulClusterFixture>
{
    private const int Writes = 200;

    private ConsulCluster Cluster => fixture.Cluster;

    public sealed class Counter
    {
        [Mutable]
        public int Value { get; set; }
    }

    [ConsulFact]
    public Task Leader_killed_and_restarted() => RunAsync(async () =>
    {
        var leader = await Cluster.LeaderAsync();
        await leader.StopAsync();
        return leader;
    });

    [ConsulFact]
    public Task Follower_killed_and_restarted() => RunAsync(async () =>
    {
        var leader = await Cluster.LeaderAsync();
        var follower = Cluster.Servers.First(s => s != leader && s.IsRunning);
        await follower.StopAsync();
        return follower;
    });

    [ConsulFact]
    public Task The_agent_the_application_talks_to_restarted() => RunAsync(async () =>
    {
        await Cluster.Client.StopAsync();
        return Cluster.Client;
    });

    /// <summary>Writes 1…200; kills a node after write 60 and starts it again after write 120.</summary>
    private async Task RunAsync(Func<Task<ConsulCluster.Node>> fault)
    {
        using var unobserved = new LibraryUnobservedExceptions();
        var service = "app" + Guid.NewGuid().ToString("N")[..8];
        var key = $"config/{service}/Counter/Value";
        // Through the retrying writer like every write here: the previous test's fault may still be settling (under load
        // a server answered this first write with "leadership lost while committing log").
        await WriteAsync(key, 0);

        var clock = Stopwatch.StartNew();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ((IConfigurationBuilder)builder.Configuration).AddConsulKv(source =>
        {
            source.Client = new ConsulClientOptions { Address = Cluster.Client.Address, RequestTimeout = TimeSpan.FromSeconds(5) };
            source.Service = service;
            source.WaitTime = TimeSpan.FromSeconds(30);
            source.MaximumBackoff = TimeSpan.FromSeconds(2);
        });
        builder.Services.AddSettings<Counter>("Counter");
        using var host = builder.Build();
        await host.StartAsync();

        var observed = new ConcurrentQueue<(int Value, TimeSpan At)>();
        var final = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listening = host.Services.GetRequiredService<IOptionsMonitor<Counter>>().OnChange(c =>
        {
            observed.Enqueue((c.Value, clock.Elapsed));
            if (c.Value == Writes)
            {
                final.TrySetResult();
            }
        });

        var written = new TimeSpan[Writes + 1];
        var longestWriteBlocked = TimeSpan.Zero;
        ConsulCluster.Node? down = null;
        TimeSpan faultAt = default, recoveredAt = default;
        for (var i = 1; i <= Writes; i++)
        {
            var attempt = clock.Elapsed;
            await WriteAsync(key, i);
            written[i] = clock.Elapsed;
            longestWriteBlocked = written[i] - attempt > longestWriteBlocked ? written[i] - attempt : longestWriteBlocked;
            if (i == 60)
            {
                down = await fault();
                faultAt = clock.Elapsed;
            }
            else if (i == 120)
            {
                down!.Start();
                recoveredAt = clock.Elapsed;
            }

            await Task.Delay(20);
        }

        await final.Task.WaitAsync(TimeSpan.FromSeconds(90));
        var values = observed.ToArray();

        // Never backwards; the final value seen.
        for (var i = 1; i < values.Length; i++)
        {
            Assert.True(values[i].Value >= values[i - 1].Value, $"went back from {values[i - 1].Value} to {values[i].Value}");
        }

        Assert.Equal(Writes, values[^1].Value);
        Assert.Equal(Writes, host.Services.GetRequiredService<IOptionsMonitor<Counter>>().CurrentValue.Value);

        // The stall: at worst, how long after a write the application first held a value at least that new.
        var stall = Enumerable.Range(60, Writes - 59)
            .Select(i => values.First(v => v.Value >= i).At - written[i])
            .Max();
        output.WriteLine($"{down!.Name} down at {faultAt.TotalSeconds:0.0} s, started again at {recoveredAt.TotalSeconds:0.0} s; " +
            $"writer blocked at most {longestWriteBlocked.TotalSeconds:0.00} s; stall (a write to the application seeing it or newer) at most {stall.TotalSeconds:0.00} s; " +
            $"{values.Length} changes observed");

        await host.StopAsync();
        await Cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
        await Cluster.Client.WaitForKvAsync(TimeSpan.FromSeconds(60));
        var left = unobserved.Collect();
        Assert.True(left.Count == 0, "unobserved exceptions from the library:\n" + string.Join("\n", left));
    }

    /// <summary>Writes through any server that answers (a killed one does not), retrying until one does.</summary>
    private async Task WriteAsync(string key, int value)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            foreach (var server in Cluster.Servers.Where(s => s.IsRunning))
            {
                using var client = server.Http();
                try
                {
                    await client.PutAsync(key, value.ToString());
                    return;
                }
                catch (ConsulException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
                {
                }
            }

            await Task.Delay(50);
        }
    }
}

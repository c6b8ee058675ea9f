using System.Collections.Concurrent;
using System.Diagnostics;
using Config.Providers.Consul;
using Config.Providers.Testing;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Config.Providers.Tests.Consul;

/// <summary>SettleTime: a folder re-populated key by key is applied once, whole; one that never stops is applied anyway.</summary>
public sealed class ConsulQuiescenceTests(ConsulAgentFixture fixture) : IClassFixture<ConsulAgentFixture>
{
    private ConsulAgent Agent => fixture.Agent;

    private ConsulKvConfigurationSource Source(string service, TimeSpan settle, TimeSpan max) => new()
    {
        Client = new ConsulClientOptions { Address = Agent.Address },
        Root = "config-" + service,
        Service = service,
        WaitTime = TimeSpan.FromSeconds(30),
        StartupTimeout = TimeSpan.FromSeconds(5),
        SettleTime = settle,
        MaxSettleTime = max,
    };

    /// <summary>Records the values of <paramref name="keys"/> at every reload signal; the semaphore counts them.</summary>
    private static (ConcurrentQueue<string?[]> Seen, SemaphoreSlim Count) RecordReloads(IConfiguration configuration, params string[] keys)
    {
        var seen = new ConcurrentQueue<string?[]>();
        var count = new SemaphoreSlim(0);
        ChangeToken.OnChange(configuration.GetReloadToken, () =>
        {
            seen.Enqueue([.. keys.Select(k => configuration[k])]);
            count.Release();
        });
        return (seen, count);
    }

    [ConsulFact]
    public async Task Keys_written_one_by_one_within_the_settle_time_are_applied_once_together()
    {
        var service = "svc" + Guid.NewGuid().ToString("N")[..8];
        var folder = $"config-{service}/{service}";
        using var consul = Agent.Client();
        await consul.PutAsync($"{folder}/Db/Host", "old-host");
        await consul.PutAsync($"{folder}/Db/Port", "1");
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(Source(service, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10))).Build();
        var (reloads, count) = RecordReloads(configuration, "Db:Host", "Db:Port", "Db:User");

        // Re-populated key by key, each write well inside the settle time after the previous one.
        await consul.DeleteAsync($"{folder}/Db", recurse: true);
        await consul.PutAsync($"{folder}/Db/Host", "new-host");
        await consul.PutAsync($"{folder}/Db/Port", "2");
        await consul.PutAsync($"{folder}/Db/User", "app");
        Assert.True(await count.WaitAsync(ReloadWaits.Timeout), "no reload");

        // The one reload carries the whole new state (a second one would only come from a half-written state).
        Assert.Equal(new string?[] { "new-host", "2", "app" }, Assert.Single(reloads));
    }

    [ConsulFact]
    public async Task A_folder_that_never_goes_quiet_is_applied_after_the_longest_wait()
    {
        var service = "svc" + Guid.NewGuid().ToString("N")[..8];
        var folder = $"config-{service}/{service}";
        using var consul = Agent.Client();
        await consul.PutAsync($"{folder}/Counter", "0");
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(Source(service, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3))).Build();

        // A write every 250 ms never leaves 2 s of quiet; the longest wait (3 s) applies what has come so far.
        var applied = configuration.NextReload();
        var clock = Stopwatch.StartNew();
        var writes = 0;
        while (!applied.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await consul.PutAsync($"{folder}/Counter", (++writes).ToString());
            await Task.WhenAny(applied, Task.Delay(250));
        }

        Assert.True(applied.IsCompleted, "no change was applied within 15 s of continuous writes");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(6));
        Assert.NotEqual("0", configuration["Counter"]);
    }
}

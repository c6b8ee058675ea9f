using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Config.Providers.Consul;
using Config.Providers.Testing;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Tests.Consul;

/// <summary>Scenarios that need an agent of their own: stopped, restarted, started late, or with ACLs.</summary>
public sealed class ConsulResilienceTests
{
    private static ConsulKvConfigurationSource Source(ConsulAgent agent, CapturedLogs logs, string? token = null) => new()
    {
        Client = new ConsulClientOptions { Address = agent.Address, Token = token },
        Service = "orders",
        WaitTime = TimeSpan.FromSeconds(2),
        StartupTimeout = TimeSpan.FromSeconds(30),
        LoggerFactory = logs.Factory(),
    };

    [ConsulFact]
    public async Task Consul_stopping_keeps_the_values_and_a_restart_with_an_older_index_is_caught_up()
    {
        using var unobserved = new LibraryUnobservedExceptions();
        await using var agent = await ConsulAgent.StartAsync();
        var logs = new CapturedLogs();
        using (var consul = agent.Client())
        {
            for (var i = 0; i < 20; i++)
            {
                await consul.PutAsync($"config/orders/Filler{i}", "x");
            }

            await consul.PutAsync("config/orders/Level", "info");
        }

        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(Source(agent, logs)).Build();
        Assert.Equal("info", configuration["Level"]);

        // Down: values stay, failures are logged at a falling rate (streaks of 1, 2, 4, 8 … only).
        var failing = logs.Next(302);
        await agent.StopAsync();
        await failing.Within();
        await logs.Next(302).Within();
        Assert.Equal("info", configuration["Level"]);
        foreach (var line in logs.At(302).Select(l => l.Text))
        {
            var failures = int.Parse(Regex.Match(line, @"failed (\d+) time").Groups[1].Value);
            Assert.True((failures & (failures - 1)) == 0, $"logged at {failures} failures: {line}");
        }

        // Back, empty (dev mode) and with indexes starting over: the emptied folder is held (event 315), not applied;
        // the first write moves the index past the reset and applies the new state.
        var held = logs.Next(315);
        await agent.RestartAsync();
        await held.Within();
        Assert.Equal("info", configuration["Level"]);
        var reload = configuration.NextReload();
        using (var consul = agent.Client())
        {
            await consul.PutAsync("config/orders/Level", "debug");
        }

        await reload.Within();
        await configuration.WaitForValue("Level", "debug");
        Assert.NotEmpty(logs.At(303));

        configuration.Dispose();
        var left = unobserved.Collect();
        Assert.True(left.Count == 0, "unobserved exceptions from the library:\n" + string.Join("\n", left));
    }

    [ConsulFact]
    public async Task After_consul_restarts_with_fresh_state_a_new_value_is_seen_within_5_s_despite_a_long_wait()
    {
        await using var agent = await ConsulAgent.StartAsync();
        var logs = new CapturedLogs();
        using (var consul = agent.Client())
        {
            // An index well above what the fresh agent will reach soon: a blocking query on it would wait the whole minute.
            for (var i = 0; i < 30; i++)
            {
                await consul.PutAsync($"config/orders/Filler{i}", "x");
            }

            await consul.PutAsync("config/orders/Level", "info");
        }

        var source = Source(agent, logs);
        source.WaitTime = TimeSpan.FromMinutes(1);
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(source).Build();
        Assert.Equal("info", configuration["Level"]);

        var failing = logs.Next(302);
        await agent.StopAsync();
        await failing.Within();
        var held = logs.Next(315);
        await agent.RestartAsync();
        await held.Within();   // fresh state: the folder lost its 31 keys, so it is held until a write confirms it
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var consul = agent.Client())
        {
            await consul.PutAsync("config/orders/Level", "debug");
        }

        await configuration.WaitForValue("Level", "debug", TimeSpan.FromSeconds(5));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"seen after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.NotEmpty(logs.At(303));
    }

    [ConsulFact]
    public async Task Reload_while_consul_is_down_keeps_the_values_and_says_so()
    {
        await using var agent = await ConsulAgent.StartAsync();
        using (var consul = agent.Client())
        {
            await consul.PutAsync("config/orders/Level", "info");
        }

        var logs = new CapturedLogs();
        var source = Source(agent, logs);
        source.ReloadOnChange = false;
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(source).Build();
        await agent.StopAsync();

        configuration.Reload();
        Assert.Equal("info", configuration["Level"]);
        Assert.Contains($"Re-reading Consul at {agent.Address.ToString().TrimEnd('/')} on request failed", Assert.Single(logs.At(312)).Text);
    }

    [ConsulFact]
    public async Task Startup_waits_for_consul_with_progress_logs_and_proceeds_when_it_comes()
    {
        var logs = new CapturedLogs();
        var port = Config.Providers.Testing.TestPorts.Next();
        var source = new ConsulKvConfigurationSource
        {
            Client = new ConsulClientOptions { Address = new Uri($"http://127.0.0.1:{port}") },
            Service = "orders",
            StartupTimeout = TimeSpan.FromSeconds(60),
            LoggerFactory = logs.Factory(),
        };
        var waiting = logs.Next(300);
        var building = Task.Run(() => new ConfigurationBuilder().Add(source).Build());
        Assert.Contains($"Waiting for Consul at http://127.0.0.1:{port} (found via options)", await waiting.Within());
        Assert.False(building.IsCompleted);

        await using var agent = await ConsulAgent.StartAsync(httpPort: port);
        using (var consul = agent.Client())
        {
            await consul.PutAsync("config/orders/Ready", "yes");
        }

        // Startup completed once Consul answered; the value written just after is there or arrives by the watch.
        var configuration = await building.WaitAsync(TimeSpan.FromSeconds(60));
        await configuration.WaitForValue("Ready", "yes");
        ((IDisposable)configuration).Dispose();
    }

    [ConsulFact]
    public async Task A_token_that_reads_only_the_service_folder_loads_it_and_nothing_else()
    {
        const string master = "root-token-for-tests";
        await using var agent = await ConsulAgent.StartAsync(aclMasterToken: master);
        using var http = new HttpClient { BaseAddress = agent.Address };
        http.DefaultRequestHeaders.Add("X-Consul-Token", master);
        (await http.PutAsJsonAsync("v1/acl/policy", new { Name = "orders-read", Rules = "key_prefix \"config/orders/\" { policy = \"read\" }" })).EnsureSuccessStatusCode();
        var created = await (await http.PutAsJsonAsync("v1/acl/token", new { Policies = new[] { new { Name = "orders-read" } } })).Content.ReadFromJsonAsync<TokenDto>();
        using (var consul = agent.Client(master))
        {
            await consul.PutAsync("config/orders/Port", "8080");
            await consul.PutAsync("config/application/Secret", "not-for-orders");
            await consul.PutAsync("config/billing/Port", "9090");
        }

        var logs = new CapturedLogs();
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(Source(agent, logs, created!.SecretID)).Build();
        Assert.Equal("8080", configuration["Port"]);
        Assert.Null(configuration["Secret"]);

        // Without a token, the default-deny policy shows nothing at all.
        using var anonymous = new ConsulHttpClient(new ConsulClientOptions { Address = agent.Address });
        var listing = await anonymous.ListAsync("config/orders");
        Assert.Empty(listing.Value);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(created.SecretID, StringComparison.Ordinal) || l.Contains(master, StringComparison.Ordinal));
    }

    private sealed record TokenDto(string SecretID);
}

using Config.Providers.Consul;
using Config.Providers.Diagnostics;
using Config.Providers.Testing;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Tests.Consul;

/// <summary>A bad key is rejected alone; <see cref="IConfigurationRoot.Reload"/> re-reads Consul. Real agent.</summary>
public sealed class ConsulIsolationTests(ConsulAgentFixture fixture) : IClassFixture<ConsulAgentFixture>
{
    private ConsulAgent Agent => fixture.Agent;

    private ConsulKvConfigurationSource Source(string service, CapturedLogs logs, bool watch = true) => new()
    {
        Client = new ConsulClientOptions { Address = Agent.Address },
        Root = "config-" + service,
        Service = service,
        WaitTime = TimeSpan.FromSeconds(30),
        StartupTimeout = TimeSpan.FromSeconds(5),
        ReloadOnChange = watch,
        LoggerFactory = logs.Factory(),
    };

    [ConsulFact]
    public async Task A_malformed_document_key_keeps_its_last_good_values_while_a_sibling_key_flows()
    {
        var service = "svc" + Guid.NewGuid().ToString("N")[..8];
        var folder = $"config-{service}/{service}";
        using var consul = Agent.Client();
        await consul.PutAsync($"{folder}/Limits.yaml", "max: 5\nmin: 1\n");
        await consul.PutAsync($"{folder}/Level", "info");
        var logs = new CapturedLogs();
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(Source(service, logs)).Build();
        var status = ((ISourceStatusProvider)configuration.Providers.Single()).Status;

        var rejected = logs.Next(306);
        await consul.PutAsync($"{folder}/Limits.yaml", "max: [unclosed\n");
        Assert.Contains($"{folder}/Limits.yaml", await rejected.Within());
        Assert.Equal("5", configuration["Limits:max"]);
        Assert.Contains(status.Problems, p => p.Part == $"{folder}/Limits.yaml");

        // The sibling key is applied while the document stays broken, and the document keeps its last good values.
        await consul.PutAsync($"{folder}/Level", "debug");
        await configuration.WaitForValue("Level", "debug");
        Assert.Equal("5", configuration["Limits:max"]);
        Assert.Equal("1", configuration["Limits:min"]);
        Assert.Single(logs.At(306));

        // Fixed: applied, and the health problem is gone.
        await consul.PutAsync($"{folder}/Limits.yaml", "max: 7\nmin: 1\n");
        await configuration.WaitForValue("Limits:max", "7");
        Assert.Empty(status.Problems);
    }

    [ConsulFact]
    public async Task A_new_key_that_is_malformed_from_the_start_is_left_out_and_reported()
    {
        var service = "svc" + Guid.NewGuid().ToString("N")[..8];
        var folder = $"config-{service}/{service}";
        using var consul = Agent.Client();
        await consul.PutAsync($"{folder}/Level", "info");
        var logs = new CapturedLogs();
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(Source(service, logs)).Build();

        var rejected = logs.Next(306);
        await consul.PutAsync($"{folder}/Extra.json", "{ \"a\": ");
        await consul.PutAsync($"{folder}/Level", "warn");
        Assert.Contains($"{folder}/Extra.json", await rejected.Within());
        await configuration.WaitForValue("Level", "warn");
        Assert.Null(configuration["Extra:a"]);
    }

    [ConsulFact]
    public async Task Reload_re_reads_consul_when_nothing_watches_it()
    {
        var service = "svc" + Guid.NewGuid().ToString("N")[..8];
        var folder = $"config-{service}/{service}";
        using var consul = Agent.Client();
        await consul.PutAsync($"{folder}/Level", "info");
        var logs = new CapturedLogs();
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().Add(Source(service, logs, watch: false)).Build();
        Assert.Equal("info", configuration["Level"]);

        await consul.PutAsync($"{folder}/Level", "debug");
        var reloaded = configuration.NextReload();
        configuration.Reload();
        await reloaded.Within();
        Assert.Equal("debug", configuration["Level"]);
    }
}

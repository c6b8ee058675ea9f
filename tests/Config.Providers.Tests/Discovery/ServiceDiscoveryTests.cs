using System.Diagnostics;
using Config.Providers.Consul;
using Config.Providers.Testing;
using Config.Providers.Tests.Consul;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Discovery;

public sealed class ServiceDiscoveryTests : IDisposable
{
    private readonly TempDirectory contentRoot = new();

    public void Dispose() => contentRoot.Dispose();

    public sealed class Tunables
    {
        [Mutable]
        public int Level { get; set; }

        public string? Mode { get; set; }
    }

    [ConsulFact]
    public async Task One_call_wires_all_four_sources_in_order_under_environment_and_command_line()
    {
        await using var agent = await ConsulAgent.StartAsync();
        contentRoot.Write("config.yaml", "K1: yaml\nK2: yaml\nK3: yaml\nTunables: {Level: '1', Mode: yaml}\n");
        contentRoot.Write("environment.json", "{\"K2\": \"dotcloud\", \"K3\": \"dotcloud\", \"PORT_WWW\": 8080}");
        contentRoot.Write(".env", "K3=env-file\nK4=env-file\n");
        using (var consul = agent.Client())
        {
            await consul.PutAsync("config/orders/K4", "consul");
            await consul.PutAsync("config/orders/K5", "consul");
            await consul.PutAsync("config/orders,Production/K5", "consul-production");
            await consul.PutAsync("config/orders/K6", "consul");
            await consul.PutAsync("config/orders/Tunables/Level", "2");
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = ["--K6=command-line"],
            ApplicationName = "orders",
            EnvironmentName = "Production",
            ContentRootPath = contentRoot.Path,
        });
        builder.AddServiceDiscovery(o =>
        {
            o.DotCloudEnvironmentFile = "environment.json";
            o.Consul = new ConsulClientOptions { Address = agent.Address };
        });
        builder.Services.AddSettings<Tunables>("Tunables");
        using var host = builder.Build();
        await host.StartAsync();
        var configuration = host.Services.GetRequiredService<IConfiguration>();

        Assert.Equal("yaml", configuration["K1"]);
        Assert.Equal("dotcloud", configuration["K2"]);
        Assert.Equal("env-file", configuration["K3"]);
        Assert.Equal("consul", configuration["K4"]);
        Assert.Equal("consul-production", configuration["K5"]);
        Assert.Equal("command-line", configuration["K6"]);
        Assert.Equal("8080", configuration["PORT_WWW"]);
        Assert.Contains(host.Services.GetRequiredService<ServiceDiscoveryReport>().Notes, n => n.StartsWith($"Consul KV at {agent.Address.ToString().TrimEnd('/')}", StringComparison.Ordinal));

        // A mutable setting changed in Consul reaches the injected monitor.
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<Tunables>>();
        Assert.Equal((2, "yaml"), (monitor.CurrentValue.Level, monitor.CurrentValue.Mode));
        var changed = new TaskCompletionSource<Tunables>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (monitor.OnChange(t => changed.TrySetResult(t)))
        {
            using var consul = agent.Client();
            await consul.PutAsync("config/orders/Tunables/Level", "3");
            Assert.Equal(3, (await changed.Task.Within()).Level);
        }

        var stopping = Stopwatch.StartNew();
        await host.StopAsync();
        host.Dispose();
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(1), $"stopping took {stopping.Elapsed}");
    }

    [Fact]
    public async Task An_unconfigured_consul_that_does_not_resolve_is_skipped_quickly()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "orders", ContentRootPath = contentRoot.Path, DisableDefaults = true });
        var clock = Stopwatch.StartNew();
        builder.AddServiceDiscovery(o => o.Consul = null);
        using var host = builder.Build();
        await host.StartAsync();
        var notes = host.Services.GetRequiredService<ServiceDiscoveryReport>().Notes;
        if (Environment.GetEnvironmentVariable("CONSUL_HTTP_ADDR") is null)
        {
            Assert.Contains("Consul not configured and consul does not resolve; Consul KV skipped", notes);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        }

        await host.StopAsync();
    }
}

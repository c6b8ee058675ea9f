using System.Diagnostics;
using Config.Providers.Consul;
using Config.Providers.Discovery;
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

    [Fact]
    public void In_a_default_host_the_deployments_files_win_over_appsettings_json_and_the_command_line_over_them()
    {
        contentRoot.Write("appsettings.json", """{ "K1": "appsettings", "K2": "appsettings", "K3": "appsettings" }""");
        contentRoot.Write("appsettings.Production.json", """{ "K4": "appsettings.Production" }""");
        contentRoot.Write("config.yaml", "K1: yaml\nK2: yaml\nK4: yaml\n");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = ["--K2=command-line"],
            ApplicationName = "orders",
            EnvironmentName = "Production",
            ContentRootPath = contentRoot.Path,
        });

        builder.AddServiceDiscovery(o => o.UseConsul = false);
        using var host = builder.Build();
        var configuration = host.Services.GetRequiredService<IConfiguration>();

        Assert.Equal(("yaml", "command-line", "appsettings", "yaml"), (configuration["K1"], configuration["K2"], configuration["K3"], configuration["K4"]));
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
        var origins = Config.Providers.Settings.Provenance.ConfigurationOrigins.Describe(configuration, "K4");
        Assert.StartsWith("consul config/orders/K4 (index ", origins);
        Assert.Equal($"env file {contentRoot.File(".env")}:1", Config.Providers.Settings.Provenance.ConfigurationOrigins.Describe(configuration, "K3"));
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

    [ConsulFact]
    public async Task Startup_waits_for_a_required_service_registered_late_then_proceeds_with_its_endpoints()
    {
        await using var agent = await ConsulAgent.StartAsync();
        var logs = new CapturedLogs();
        var waiting = logs.Next(310);
        var building = Task.Run(() =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "orders", ContentRootPath = contentRoot.Path, DisableDefaults = true });
            builder.AddServiceDiscovery(o =>
            {
                o.Consul = new ConsulClientOptions { Address = agent.Address };
                o.RequireServices("rabbitmq");
                o.StartupLoggerFactory = logs.Factory();
            });
            return builder.Build();
        });

        Assert.Contains("Waiting for required services: rabbitmq (no passing instance)", await waiting.Within());
        Assert.False(building.IsCompleted);

        using (var consul = agent.Client())
        {
            await consul.RegisterServiceAsync(new ConsulServiceRegistration("rabbitmq", "rabbitmq-1", "10.0.0.9", 5672));
        }

        using var host = await building.WaitAsync(TimeSpan.FromSeconds(60));
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        Assert.Equal("10.0.0.9:5672", configuration["Services:rabbitmq:default:0"]);
        Assert.Equal("10.0.0.9", configuration["ServiceEndpoints:rabbitmq:default:0:Host"]);
        Assert.Equal("consul service rabbitmq (rabbitmq-1)", Config.Providers.Settings.Provenance.ConfigurationOrigins.Describe(configuration, "Services:rabbitmq:default:0"));

        // A second instance appears live.
        var reload = configuration.NextReload();
        using (var consul = agent.Client())
        {
            await consul.RegisterServiceAsync(new ConsulServiceRegistration("rabbitmq", "rabbitmq-2", "10.0.0.10", 5672));
        }

        await reload.Within();
        Assert.Equal("10.0.0.10:5672", configuration["Services:rabbitmq:default:1"]);
    }

    [ConsulFact]
    public async Task Startup_fails_after_the_timeout_naming_the_missing_services_and_where_it_looked()
    {
        await using var agent = await ConsulAgent.StartAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "orders", ContentRootPath = contentRoot.Path, DisableDefaults = true });
        var error = Assert.Throws<Config.Providers.Consul.ConsulException>(() => builder.AddServiceDiscovery(o =>
        {
            o.Consul = new ConsulClientOptions { Address = agent.Address };
            o.RequireServices("rabbitmq", "postgres");
            o.RequiredServicesTimeout = TimeSpan.FromMilliseconds(500);
        }));
        Assert.Equal($"Required services are not available after 0.5 s in Consul at {agent.Address.ToString().TrimEnd('/')} (found via options): rabbitmq (no passing instance); postgres (no passing instance)", error.Message);
    }

    [ConsulFact]
    public async Task Self_registration_appears_in_consul_while_the_host_runs()
    {
        await using var agent = await ConsulAgent.StartAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "orders", ContentRootPath = contentRoot.Path, DisableDefaults = true });
        builder.AddServiceDiscovery(o =>
        {
            o.Consul = new ConsulClientOptions { Address = agent.Address };
            o.Registration = new ConsulServiceRegistration("orders", "orders-1", "10.0.0.20", 8080);
        });
        using var host = builder.Build();
        using var consul = agent.Client();

        await host.StartAsync();
        Assert.Equal("10.0.0.20", Assert.Single((await consul.HealthyInstancesAsync("orders")).Value).Address);

        await host.StopAsync();
        Assert.Empty((await consul.HealthyInstancesAsync("orders")).Value);
    }
}

using Config.Providers.Consul;
using Config.Providers.Diagnostics;
using Config.Providers.Testing;
using Config.Providers.Tests.Consul;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tunables = Config.Providers.Tests.Discovery.ServiceDiscoveryTests.Tunables;
using Config.Providers.Settings.Diagnostics;

namespace Config.Providers.Tests.Discovery;

/// <summary>
/// A default <c>AddServiceDiscovery()</c> host — no StartupLoggerFactory — on a real Consul, run through what the
/// first week in production brings: a bad file, a bad Consul key, a moved dependency, an unknown key from a newer
/// version, and a Consul outage. Everything must show up in the host's own logging, health and metrics.
/// </summary>
public sealed class ProductionHostTests : IDisposable
{
    private readonly TempDirectory contentRoot = new();

    public void Dispose() => contentRoot.Dispose();

    private static async Task<HealthReport> Health(IHost host) => await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    private static bool IsHealthy(IHost host) => SyncHealth(host).Status == HealthStatus.Healthy;

    private static HealthReport SyncHealth(IHost host) => Health(host).GetAwaiter().GetResult();

    [ConsulFact]
    public async Task A_default_host_logs_reports_health_and_counts_through_the_hosts_own_services()
    {
        await using var agent = await ConsulAgent.StartAsync();
        const string service = "orders";
        using (var consul = agent.Client())
        {
            await consul.PutAsync($"config/{service}/Tunables/Level", "1");
            await consul.PutAsync($"config/{service}/Tunables/Mode", "fast");
            await consul.PutAsync($"config/{service}/Limits.yaml", "max: 5\n");

            // Written by a newer version of the service during a rolling deploy.
            await consul.PutAsync($"config/{service}/Tunables/NewerSetting", "x");
            await consul.RegisterServiceAsync(new ConsulServiceRegistration("rabbitmq", "rabbitmq-1", "10.0.0.9", 5672));
        }

        contentRoot.Write(".env", "FromEnv=1\n");
        using var failures = new MetricCollector<long>(null, SourceMetrics.MeterName, "config_providers.source.failures");
        var logs = new CapturedLogs();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = service,
            EnvironmentName = "Production",
            ContentRootPath = contentRoot.Path,
        });
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.AddServiceDiscovery(o =>
        {
            o.Consul = new ConsulClientOptions { Address = agent.Address };
            o.RequireServices("rabbitmq");
        });
        builder.Services.AddSettings<Tunables>("Tunables");
        builder.Services.AddHealthChecks().AddConfigurationSourcesCheck();
        using var host = builder.Build();
        await host.StartAsync();

        // Started although a key is unknown to this version; the warning reached the host's logging once.
        var tunables = host.Services.GetRequiredService<IOptionsMonitor<Tunables>>();
        Assert.Equal("fast", tunables.CurrentValue.Mode);
        // (Logged after the pipeline's lock is released, possibly by a reload draining on another thread: wait for it.)
        await logs.WaitUntil(l => l.At(101).Any(e => e.Text.Contains("Tunables:NewerSetting", StringComparison.Ordinal)));
        Assert.Single(logs.At(101), l => l.Text.Contains("Tunables:NewerSetting", StringComparison.Ordinal));

        // Logged before the host existed (dotCloud's default path is absent here), handed over to the host's logging.
        Assert.Contains(logs.At(204), l => l.Level == LogLevel.Debug && l.Text.Contains("/home/dotcloud/environment.json", StringComparison.Ordinal));
        Assert.Equal(HealthStatus.Healthy, (await Health(host)).Status);

        // A mutable change applies although the unknown key is still there.
        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listening = tunables.OnChange(t => { if (t.Level == 2) { applied.TrySetResult(); } });
        using (var consul = agent.Client())
        {
            await consul.PutAsync($"config/{service}/Tunables/Level", "2");
        }

        await applied.Task.Within();

        // A broken file: logged through the host (201) and reported by the health check until fixed.
        var fileRejected = logs.Next(201);
        contentRoot.Write(".env", "FromEnv='unterminated\n");
        Assert.Contains(".env", await fileRejected.Within());
        var report = await Health(host);
        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Contains(".env", report.Entries["configuration-sources"].Description);
        contentRoot.Write(".env", "FromEnv=2\n");
        await logs.WaitUntil(_ => IsHealthy(host));

        // A broken Consul document key (306) — and the required service moving (311) — through the host's logging.
        var keyRejected = logs.Next(306);
        var serviceChanged = logs.Next(311);
        using (var consul = agent.Client())
        {
            await consul.PutAsync($"config/{service}/Limits.yaml", "max: [\n");
            await consul.RegisterServiceAsync(new ConsulServiceRegistration("rabbitmq", "rabbitmq-2", "10.0.0.10", 5672));
        }

        Assert.Contains($"config/{service}/Limits.yaml", await keyRejected.Within());
        await serviceChanged.Within();
        Assert.Contains($"config/{service}/Limits.yaml", (await Health(host)).Entries["configuration-sources"].Description);
        using (var consul = agent.Client())
        {
            await consul.PutAsync($"config/{service}/Limits.yaml", "max: 6\n");
        }

        await logs.WaitUntil(_ => IsHealthy(host));

        // Consul goes away: Degraded, naming Consul, failures counted; back (with fresh state): Healthy again.
        var kv = $"Consul KV at {agent.Address.ToString().TrimEnd('/')}";
        await agent.StopAsync();
        await logs.WaitUntil(l => l.At(302).Any(e => e.Text.Contains($"config/{service}/", StringComparison.Ordinal)));
        report = await Health(host);
        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Contains(kv, report.Entries["configuration-sources"].Description);
        Assert.Contains("since", report.Entries["configuration-sources"].Description);
        // The meter is process-wide: only this host's source (named by this agent's address) counts.
        Assert.Contains(failures.GetMeasurementSnapshot(), m => (string?)m.Tags["source.kind"] == "consul_kv" && ((string?)m.Tags["source.name"])?.StartsWith(kv, StringComparison.Ordinal) == true);

        // Back with fresh state (a dev agent starts empty): the emptied folder is held, Degraded saying so, until a write
        // confirms the new state; then Healthy again.
        await agent.RestartAsync();
        await logs.WaitUntil(l => l.At(315).Any(e => e.Text.Contains($"config/{service}/", StringComparison.Ordinal)), TimeSpan.FromSeconds(20));
        Assert.Contains("held after an index reset", (await Health(host)).Entries["configuration-sources"].Description);
        using (var consul = agent.Client())
        {
            await consul.PutAsync($"config/{service}/Limits.yaml", "max: 7\n");
        }

        await logs.WaitUntil(_ => IsHealthy(host), TimeSpan.FromSeconds(20));

        // Each watch recovers on its own retry schedule: the KV folders may be back (and the host healthy) before the
        // required-service watch's next attempt, so wait for its own recovery event.
        await logs.WaitUntil(l => l.At(303).Any(e => e.Text.Contains("health/rabbitmq", StringComparison.Ordinal)), TimeSpan.FromSeconds(40));
        await host.StopAsync();
    }

    [ConsulFact]
    public async Task Reload_on_the_hosts_configuration_re_reads_consul_and_the_files()
    {
        await using var agent = await ConsulAgent.StartAsync();
        using var consul = agent.Client();
        await consul.PutAsync("config/orders/Tunables/Level", "1");
        contentRoot.Write(".env", "FromEnv=1\n");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "orders", ContentRootPath = contentRoot.Path });
        builder.AddServiceDiscovery(o =>
        {
            o.Consul = new ConsulClientOptions { Address = agent.Address };
            o.ReloadOnChange = false;
        });
        builder.Services.AddSettings<Tunables>("Tunables");
        using var host = builder.Build();
        await host.StartAsync();
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();

        await consul.PutAsync("config/orders/Tunables/Level", "2");
        contentRoot.Write(".env", "FromEnv=2\n");
        Assert.Equal("1", configuration["Tunables:Level"]);

        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listening = host.Services.GetRequiredService<IOptionsMonitor<Tunables>>().OnChange(t => applied.TrySetResult());
        configuration.Reload();
        Assert.Equal("2", configuration["Tunables:Level"]);
        Assert.Equal("2", configuration["FromEnv"]);
        await applied.Task.Within();
        Assert.Equal(2, host.Services.GetRequiredService<IOptionsMonitor<Tunables>>().CurrentValue.Level);
        await host.StopAsync();
    }
}

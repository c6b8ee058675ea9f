using System.Net;
using System.Text.Json;
using Config.Providers.Consul;
using Config.Providers.Testing;
using Config.Providers.Tests.Consul;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Config.Providers.Tests.Discovery;

/// <summary>Self-registration's lifecycle on a real agent: late Consul, agent restarts, TTL, meta, defaults, giving up.</summary>
public sealed class RegistrationTests : IDisposable
{
    private readonly TempDirectory contentRoot = new();

    public void Dispose() => contentRoot.Dispose();

    private (IHost Host, CapturedLogs Logs) Build(Uri consul, ConsulServiceRegistration registration, params string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ApplicationName = "orders", ContentRootPath = contentRoot.Path, DisableDefaults = true });
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.AddServiceDiscovery(o =>
        {
            o.Consul = new ConsulClientOptions { Address = consul, RequestTimeout = TimeSpan.FromSeconds(2) };
            o.UseConsul = false;
            o.Registration = registration;
        });
        return (builder.Build(), logs);
    }

    private static async Task<JsonElement?> AgentService(ConsulAgent agent, string id)
    {
        using var http = new HttpClient { BaseAddress = agent.Address };
        using var response = await http.GetAsync($"v1/agent/service/{id}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [ConsulFact]
    public async Task A_consul_that_is_down_at_start_does_not_fail_the_host_and_the_service_registers_when_it_comes()
    {
        var port = TestPorts.Next();
        var (host, logs) = Build(new Uri($"http://127.0.0.1:{port}"), new ConsulServiceRegistration("orders", "orders-late", "10.0.0.20", 8080));
        using (host)
        {
            await host.StartAsync();
            Assert.Contains(logs.At(405), l => l.Text.Contains("the service runs on and retries", StringComparison.Ordinal));

            var registered = logs.Next(401);
            await using var agent = await ConsulAgent.StartAsync(httpPort: port);
            await registered.WaitAsync(TimeSpan.FromSeconds(40));
            Assert.NotNull(await AgentService(agent, "orders-late"));
            await host.StopAsync();
            Assert.Null(await AgentService(agent, "orders-late"));
        }
    }

    [ConsulFact]
    public async Task After_the_agent_restarts_without_its_data_the_service_is_registered_again_within_seconds_with_its_ttl_passing()
    {
        await using var agent = await ConsulAgent.StartAsync();
        var registration = new ConsulServiceRegistration("orders", "orders-ttl", "10.0.0.21", 8081)
        {
            Ttl = TimeSpan.FromSeconds(4),
            PresenceCheckInterval = TimeSpan.FromSeconds(1),
            Meta = new Dictionary<string, string> { ["endpoint"] = "http" },
        };
        var (host, logs) = Build(agent.Address, registration);
        using (host)
        {
            await host.StartAsync();
            using var consul = agent.Client();
            var instance = Assert.Single((await consul.HealthyInstancesAsync("orders")).Value);
            Assert.Equal("http", instance.Meta["endpoint"]);
            Assert.Equal("http", instance.Meta["scheme"]);

            var lost = logs.Next(406);
            await agent.StopAsync();
            await agent.RestartAsync();
            await lost.Within();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await logs.WaitUntil(l => l.At(401).Count >= 2, TimeSpan.FromSeconds(10));
            Assert.Single((await consul.HealthyInstancesAsync("orders")).Value);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
            await host.StopAsync();
        }
    }

    [ConsulFact]
    public async Task Address_and_port_default_to_the_listening_address_and_http_checks_carry_their_timings()
    {
        await using var agent = await ConsulAgent.StartAsync();
        var registration = new ConsulServiceRegistration("orders", "orders-urls", string.Empty, 0, HealthCheckUrl: new Uri("http://127.0.0.1:1/health"))
        {
            CheckTimeout = TimeSpan.FromSeconds(3),
            DeregisterCriticalServiceAfter = TimeSpan.FromMinutes(2),
        };
        var (host, _) = Build(agent.Address, registration, "--urls=http://*:5123");
        using (host)
        {
            await host.StartAsync();
            var service = (await AgentService(agent, "orders-urls"))!.Value;
            Assert.Equal(Dns.GetHostName(), service.GetProperty("Address").GetString());
            Assert.Equal(5123, service.GetProperty("Port").GetInt32());

            using var http = new HttpClient { BaseAddress = agent.Address };
            var checks = JsonDocument.Parse(await http.GetStringAsync("v1/agent/checks")).RootElement;
            var check = checks.GetProperty("service:orders-urls");
            Assert.Equal("orders-urls", check.GetProperty("ServiceID").GetString());
            Assert.Equal("http", service.GetProperty("Meta").GetProperty("scheme").GetString());
            await host.StopAsync();
        }
    }

    [ConsulFact]
    public async Task With_a_limit_the_application_stops_when_it_cannot_register()
    {
        var port = TestPorts.Next();
        var (host, logs) = Build(new Uri($"http://127.0.0.1:{port}"), new ConsulServiceRegistration("orders", "orders-never", "10.0.0.22", 8082) { StopApplicationAfter = TimeSpan.FromSeconds(2) });
        using (host)
        {
            var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());
            await host.StartAsync();
            await stopping.Task.Within();
            Assert.NotEmpty(logs.At(407));
            await host.StopAsync();
        }
    }
}

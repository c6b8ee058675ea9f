using Config.Providers.Consul;
using Config.Providers.Testing;
using Config.Providers.Tests.Consul;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.ServiceDiscovery;

namespace Config.Providers.Tests.Discovery;

/// <summary>Endpoints of a required service follow Consul's health API live: new, moved and vanished instances.</summary>
public sealed class LiveEndpointTests : IDisposable
{
    private readonly TempDirectory contentRoot = new();

    public void Dispose() => contentRoot.Dispose();

    [ConsulFact]
    public async Task A_moved_new_or_vanished_instance_reaches_options_and_the_service_discovery_resolver_without_restart()
    {
        await using var agent = await ConsulAgent.StartAsync();
        using var consul = agent.Client();
        await consul.RegisterServiceAsync(new ConsulServiceRegistration("rabbitmq", "rabbitmq-1", "10.0.0.9", 5672));

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "orders", ContentRootPath = contentRoot.Path });
        builder.AddServiceDiscovery(o =>
        {
            o.Consul = new ConsulClientOptions { Address = agent.Address };
            o.RequireServices("rabbitmq");
        });
        builder.Services.AddSettings<ServiceEndpoints>("rabbitmq", "ServiceEndpoints:rabbitmq");
        builder.Services.AddServiceDiscovery();
        using var host = builder.Build();
        await host.StartAsync();
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<ServiceEndpoints>>();
        var resolver = host.Services.GetRequiredService<ServiceEndpointResolver>();
        var configuration = host.Services.GetRequiredService<IConfiguration>();

        string[] Options() => [.. monitor.Get("rabbitmq")["default"].Select(e => e.ToString()).Order()];
        async Task<string[]> Resolved() => [.. (await resolver.GetEndpointsAsync("http://rabbitmq", CancellationToken.None)).Endpoints.Select(e => e.EndPoint.ToString()!).Order()];

        Assert.Equal(["10.0.0.9:5672"], Options());
        Assert.Equal(["10.0.0.9:5672"], await Resolved());

        // Moved: the same instance id at a new address.
        var changed = Changed(monitor);
        await consul.RegisterServiceAsync(new ConsulServiceRegistration("rabbitmq", "rabbitmq-1", "10.0.0.19", 5672));
        await changed.Within();
        Assert.Equal(["10.0.0.19:5672"], Options());
        await configuration.WaitForValue("Services:rabbitmq:default:0", "10.0.0.19:5672");
        Assert.Equal(["10.0.0.19:5672"], await Resolved());

        // A second instance appears.
        changed = Changed(monitor);
        await consul.RegisterServiceAsync(new ConsulServiceRegistration("rabbitmq", "rabbitmq-2", "10.0.0.20", 5672));
        await changed.Within();
        Assert.Equal(["10.0.0.19:5672", "10.0.0.20:5672"], Options());
        Assert.Equal(["10.0.0.19:5672", "10.0.0.20:5672"], await Resolved());

        // One vanishes: dropped.
        changed = Changed(monitor);
        await consul.DeregisterServiceAsync("rabbitmq-1");
        await changed.Within();
        Assert.Equal(["10.0.0.20:5672"], Options());
        Assert.Equal(["10.0.0.20:5672"], await Resolved());

        // Nothing waits for a restart.
        Assert.Empty(host.Services.GetRequiredService<ISettingsChangeFeed>().PendingRestarts);
        await host.StopAsync();
    }

    private static Task Changed(IOptionsMonitor<ServiceEndpoints> monitor)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IDisposable? listening = null;
        listening = monitor.OnChange((_, name) =>
        {
            if (name == "rabbitmq")
            {
                changed.TrySetResult();
                listening?.Dispose();
            }
        });
        return changed.Task;
    }
}

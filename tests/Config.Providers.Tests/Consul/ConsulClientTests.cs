using Config.Providers.Consul;
using Config.Providers.Testing;

namespace Config.Providers.Tests.Consul;

/// <summary>The HTTP client's service and consistency calls against a real agent.</summary>
public sealed class ConsulClientTests(ConsulAgentFixture fixture) : IClassFixture<ConsulAgentFixture>
{
    [ConsulFact]
    public async Task Https_pointed_at_the_plain_http_port_is_named_as_such()
    {
        using var client = new ConsulHttpClient(new ConsulClientOptions { Address = new Uri($"https://127.0.0.1:{fixture.Agent.HttpPort}"), RequestTimeout = TimeSpan.FromSeconds(10) });

        var error = await Assert.ThrowsAsync<ConsulException>(() => client.ListAsync("config/orders"));

        Assert.Contains($"Consul at https://127.0.0.1:{fixture.Agent.HttpPort} is unreachable over TLS: the TLS handshake failed", error.Message);
        Assert.Contains("if this port serves plain HTTP (Consul's default 8500), use http://", error.Message);
    }

    [ConsulFact]
    public async Task Registered_services_appear_in_health_and_a_blocking_query_sees_them_leave()
    {
        using var client = fixture.Agent.Client();
        var name = "rabbitmq-" + Guid.NewGuid().ToString("N")[..6];
        var before = await client.HealthyInstancesAsync(name);
        Assert.Empty(before.Value);

        await client.RegisterServiceAsync(new ConsulServiceRegistration(name, name + "-1", "10.0.0.5", 5672, Tags: ["amqp"]));
        var registered = await client.HealthyInstancesAsync(name);
        var instance = Assert.Single(registered.Value);
        Assert.Equal((name, name + "-1", "10.0.0.5", 5672), (instance.Service, instance.Id, instance.Address, instance.Port));
        Assert.Equal(["amqp"], instance.Tags);

        var waiting = client.HealthyInstancesAsync(name, registered.Index, TimeSpan.FromSeconds(30));
        await client.DeregisterServiceAsync(name + "-1");
        var after = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(after.Value);
        Assert.True(after.Index > registered.Index);
    }

    [ConsulFact]
    public async Task Stale_and_consistent_reads_return_the_same_keys()
    {
        using var writer = fixture.Agent.Client();
        var folder = "consistency-" + Guid.NewGuid().ToString("N")[..6];
        await writer.PutAsync($"{folder}/A", "1");
        foreach (var mode in new[] { ConsulConsistency.Stale, ConsulConsistency.Consistent, ConsulConsistency.Default })
        {
            using var reader = new ConsulHttpClient(new ConsulClientOptions { Address = fixture.Agent.Address, Consistency = mode });
            var listing = await reader.ListAsync(folder);
            Assert.Equal($"{folder}/A", Assert.Single(listing.Value).Key);
        }
    }
}

using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Discovery;

/// <summary>The endpoint sections the sources write bind to the typed model, and the password stays hidden.</summary>
public sealed class ServiceEndpointBindingTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Endpoints_bind_one_at_a_time_or_per_service_and_never_show_the_password()
    {
        directory.Write("config.yaml", "rabbitmq:\n  ports:\n  - {name: amqp, url: 'amqp://guest:s3cret-pw@10.0.0.5:5672'}\n  - {name: amqp, url: 'amqp://guest:s3cret-pw@10.0.0.6:5672'}\n  - {name: ssh, url: 'ssh://rabbitmq@10.0.0.5:22'}\n");
        var configuration = new ConfigurationBuilder().AddYamlFile(directory.File("config.yaml")).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSettings<ServiceEndpoint>("amqp", "ServiceEndpoints:rabbitmq:amqp:0");
        services.AddSettings<ServiceEndpoints>("rabbitmq", "ServiceEndpoints:rabbitmq");
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<ServiceEndpoint>>();

        var amqp = monitor.Get("amqp");
        Assert.Equal(("10.0.0.5", 5672, "amqp", "guest", "s3cret-pw"), (amqp.Host, amqp.Port, amqp.Scheme, amqp.Username, amqp.Password));
        Assert.Equal(new Uri("amqp://guest@10.0.0.5:5672"), amqp.Url);
        Assert.Equal("10.0.0.5:5672", amqp.ToString());

        var all = provider.GetRequiredService<IOptionsMonitor<ServiceEndpoints>>().Get("rabbitmq");
        Assert.Equal(["10.0.0.5:5672", "10.0.0.6:5672"], all["AMQP"].Select(e => e.ToString()));
        Assert.Equal(22, Assert.Single(all["ssh"]).Port);
    }
}

using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.ServiceDiscovery;

namespace Config.Providers.Tests.Discovery;

/// <summary>Endpoints the file sources project resolve through Microsoft.Extensions.ServiceDiscovery itself.</summary>
public sealed class EndpointResolutionTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private ServiceProvider Services()
    {
        directory.Write("environment.json", """
            {"DOTCLOUD_WWW_HTTP_HOST": "www.example.internal", "DOTCLOUD_WWW_HTTP_URL": "http://www.example.internal/",
             "DOTCLOUD_DB_SQL_HOST": "db.example.internal", "DOTCLOUD_DB_SQL_PORT": "7780"}
            """);
        directory.Write("config.yaml", "rabbitmq:\n  ports:\n  - {name: amqp, url: 'amqp://root:pw@10.0.0.5:5672'}\n  - {name: amqp, url: 'amqp://root:pw@10.0.0.6:5672'}\n");
        var configuration = new ConfigurationBuilder()
            .AddYamlFile(directory.File("config.yaml"))
            .AddDotCloudEnvironment(directory.File("environment.json"))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddServiceDiscovery();
        services.AddHttpClient("www", c => c.BaseAddress = new Uri("http://www")).AddServiceDiscovery();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Http_names_and_named_endpoints_resolve_to_the_projected_addresses()
    {
        await using var services = Services();
        var resolver = services.GetRequiredService<ServiceEndpointResolver>();

        var www = await resolver.GetEndpointsAsync("http://www", CancellationToken.None);
        Assert.Equal(["www.example.internal:80"], www.Endpoints.Select(e => e.EndPoint.ToString()!.Replace("Unspecified/", string.Empty, StringComparison.Ordinal)));

        var amqp = await resolver.GetEndpointsAsync("_amqp.rabbitmq", CancellationToken.None);
        Assert.Equal(["10.0.0.5:5672", "10.0.0.6:5672"], amqp.Endpoints.Select(e => e.EndPoint.ToString()).Order());

        var sql = await resolver.GetEndpointsAsync("_sql.db", CancellationToken.None);
        Assert.Contains("7780", Assert.Single(sql.Endpoints).EndPoint.ToString());
    }

    [Fact]
    public async Task A_default_endpoint_answers_plain_http_names()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Services:x:default:0"] = "10.1.1.1:81" }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddServiceDiscovery();
        await using var provider = services.BuildServiceProvider();
        var result = await provider.GetRequiredService<ServiceEndpointResolver>().GetEndpointsAsync("http://x", CancellationToken.None);
        Assert.Equal("10.1.1.1:81", Assert.Single(result.Endpoints).EndPoint.ToString());
    }

    [Fact]
    public async Task An_http_client_for_the_service_name_reaches_the_projected_endpoint()
    {
        var port = Config.Providers.Testing.TestPorts.Next();
        using var listener = new System.Net.HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serving = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            var body = System.Text.Encoding.UTF8.GetBytes("hello from " + context.Request.Url!.AbsolutePath);
            context.Response.OutputStream.Write(body);
            context.Response.Close();
        });

        // dotCloud's HTTP port keys for a service named "www", pointing at the listener.
        directory.Write("environment.json", $$"""{"DOTCLOUD_WWW_HTTP_HOST": "127.0.0.1", "DOTCLOUD_WWW_HTTP_PORT": "{{port}}"}""");
        var configuration = new ConfigurationBuilder().AddDotCloudEnvironment(directory.File("environment.json")).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddServiceDiscovery();
        services.AddHttpClient("www", c => c.BaseAddress = new Uri("http://www")).AddServiceDiscovery();
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("www");
        Assert.Equal("hello from /orders", await client.GetStringAsync("/orders").WaitAsync(TimeSpan.FromSeconds(30)));
        await serving.WaitAsync(TimeSpan.FromSeconds(30));
    }
}

using System.Net.Http;
using Config.Providers.Testing;
using Config.Providers.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Config.Providers.Tests.Discovery;

/// <summary><c>ListenOnDotCloudPort</c>: a real Kestrel listens where PORT_WWW says, or on the local fallback.</summary>
public sealed class DotCloudPortTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task The_server_listens_on_PORT_WWW_from_environment_json()
    {
        var port = TestPorts.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory.Path });
        builder.Configuration.AddDotCloudEnvironment(directory.Write("environment.json", $$"""{ "PORT_WWW": {{port}} }"""));
        builder.ListenOnDotCloudPort();
        await using var app = builder.Build();
        app.MapGet("/", () => "hello from dotCloud's port");
        await app.StartAsync();

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal("hello from dotCloud's port", await client.GetStringAsync($"http://127.0.0.1:{port}/"));
        await app.StopAsync();
    }

    [Fact]
    public void Without_the_variable_the_local_port_is_used_and_a_bad_one_names_its_source()
    {
        var local = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        local.ListenOnDotCloudPort(localPort: 8081);
        Assert.Equal("http://*:8081", local.Configuration["urls"]);

        var logs = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        logs.Configuration.AddInMemoryCollection([new("PORT_LOGS", "4242")]);
        logs.ListenOnDotCloudPort("logs");
        Assert.Equal("http://*:4242", logs.Configuration["urls"]);

        var bad = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        bad.Configuration.AddDotCloudEnvironment(directory.Write("environment.json", """{ "PORT_WWW": "eighty" }"""));
        var error = Assert.Throws<InvalidOperationException>(() => bad.ListenOnDotCloudPort());
        Assert.Equal($"PORT_WWW must be a port from 1 to 65535 to listen on (dotcloud {directory.File("environment.json")}:1).", error.Message);
    }
}

using Config.Providers.Testing;
using Config.Providers.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Config.Providers.Tests.Discovery;

/// <summary>
/// <c>AddServiceDiscovery()</c> keeps the host's precedence in every host shape: <c>appsettings.json</c> &lt; the
/// discovered files (here <c>.env</c>) &lt; environment variables &lt; the command line. The web shapes serve the values
/// from a real Kestrel. Each test has its own section name, so the process-wide variable it sets is seen by it alone.
/// </summary>
public sealed class HostShapePrecedenceTests : IDisposable
{
    private readonly TempDirectory contentRoot = new();
    private readonly string section = "Db" + Guid.NewGuid().ToString("N")[..8];

    public HostShapePrecedenceTests()
    {
        contentRoot.Write("appsettings.json", $$"""{ "{{section}}": { "Host": "from-appsettings", "Port": "1", "Name": "from-appsettings", "Pool": "from-appsettings" } }""");
        contentRoot.Write(".env", $"{section}__Host=from-dotenv\n{section}__Port=5000\n{section}__Name=from-dotenv\n");
        Environment.SetEnvironmentVariable($"{section}__Host", "from-env");
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable($"{section}__Host", null);
        contentRoot.Dispose();
    }

    private string[] Args => [$"--{section}:Port=6000"];

    [Fact]
    public void Generic_host_application_builder()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = Args, ContentRootPath = contentRoot.Path });
        builder.AddServiceDiscovery(o => o.UseConsul = false);

        AssertPrecedence(builder.Configuration);
    }

    [Fact]
    public async Task Web_application_builder_on_kestrel()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = Args, ContentRootPath = contentRoot.Path });
        builder.AddServiceDiscovery(o => o.UseConsul = false);

        AssertPrecedence(await ServedAsync(builder));
    }

    [Fact]
    public async Task Slim_web_application_builder_on_kestrel()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Args, ContentRootPath = contentRoot.Path });
        builder.AddServiceDiscovery(o => o.UseConsul = false);

        AssertPrecedence(await ServedAsync(builder));
    }

    [Fact]
    public void Default_host_builder()
    {
        using var host = Host.CreateDefaultBuilder(Args)
            .UseContentRoot(contentRoot.Path)
            .AddServiceDiscovery(o => o.UseConsul = false)
            .Build();

        AssertPrecedence(host.Services.GetRequiredService<IConfiguration>());
    }

    [Fact]
    public async Task Default_web_host_builder_on_kestrel()
    {
        var port = TestPorts.Next();
        using var host = Host.CreateDefaultBuilder(Args)
            .UseContentRoot(contentRoot.Path)
            .AddServiceDiscovery(o => o.UseConsul = false)
            .ConfigureWebHostDefaults(web => web
                .UseUrls($"http://127.0.0.1:{port}")
                .Configure(app => app.UseRouting().UseEndpoints(endpoints =>
                    endpoints.MapGet("/db/{name}", (string name, IConfiguration configuration) => configuration[$"{section}:{name}"] ?? "(null)"))))
            .Build();

        AssertPrecedence(await ServedAsync(host, port));
    }

    [Fact]
    public void Default_host_builder_reads_the_section_from_appsettings_and_names_the_file_of_a_misspelt_setting()
    {
        contentRoot.Write("appsettings.json", """{ "ConfigProviders": { "YamlFil": "generated.yaml" } }""");

        var error = Assert.ThrowsAny<InvalidOperationException>(() => Host.CreateDefaultBuilder([])
            .UseContentRoot(contentRoot.Path)
            .AddServiceDiscovery(o => o.UseConsul = false)
            .Build());

        Assert.Contains("ConfigProviders:YamlFil (JsonConfigurationProvider for 'appsettings.json'", error.Message);
        Assert.Contains("did you mean 'ConfigProviders:YamlFile'?", error.Message);
    }

    private void AssertPrecedence(IConfiguration configuration) => AssertPrecedence(new Dictionary<string, string?>
    {
        ["Host"] = configuration[$"{section}:Host"],
        ["Port"] = configuration[$"{section}:Port"],
        ["Name"] = configuration[$"{section}:Name"],
        ["Pool"] = configuration[$"{section}:Pool"],
    });

    private static void AssertPrecedence(IReadOnlyDictionary<string, string?> values)
    {
        Assert.Equal("from-env", values["Host"]);           // a variable beats .env
        Assert.Equal("6000", values["Port"]);               // the command line beats .env (and appsettings.json)
        Assert.Equal("from-dotenv", values["Name"]);        // .env beats the checked-in appsettings.json
        Assert.Equal("from-appsettings", values["Pool"]);   // which still fills in what nothing else sets
    }

    /// <summary>Runs the app on Kestrel and reads the values back over HTTP, as a request handler sees them.</summary>
    private async Task<IReadOnlyDictionary<string, string?>> ServedAsync(WebApplicationBuilder builder)
    {
        var port = TestPorts.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var app = builder.Build();
        app.MapGet("/db/{name}", (string name, IConfiguration configuration) => configuration[$"{section}:{name}"] ?? "(null)");
        return await ServedAsync(app, port);
    }

    private static async Task<IReadOnlyDictionary<string, string?>> ServedAsync(IHost app, int port)
    {
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var values = new Dictionary<string, string?>();
            foreach (var name in new[] { "Host", "Port", "Name", "Pool" })
            {
                values[name] = await client.GetStringAsync($"/db/{name}");
            }

            return values;
        }
        finally
        {
            await app.StopAsync();
        }
    }
}

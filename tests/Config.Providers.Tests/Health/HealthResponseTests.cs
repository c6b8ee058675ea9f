using System.Net;
using System.Text.Json;
using Config.Providers.AspNetCore;
using Config.Providers.Testing;
using Config.Providers.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Config.Providers.Tests.Health;

/// <summary>
/// A web app's <c>/health</c> on a real Kestrel with <c>ConfigurationHealthResponse</c>: the response names what is
/// wrong (the file and line of an unset variable, a rejected reload) instead of the framework's bare "Degraded", and
/// never a value.
/// </summary>
public sealed class HealthResponseTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task The_health_endpoint_names_the_failing_source_and_why_without_values()
    {
        var unset = "CONFIG_PROVIDERS_UNSET_" + Guid.NewGuid().ToString("N");
        directory.Write(".env", $"Db__User=orders\nDb__Password=${{{unset}}}\nDb__Host=db-host-value\n");
        var port = TestPorts.Next();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddEnvFile(directory.File(".env"));
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddHealthChecks().AddConfigurationSourcesCheck();
        await using var app = builder.Build();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = ConfigurationHealthResponse.WriteAsync });
        await app.StartAsync();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync($"http://127.0.0.1:{port}/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);   // Degraded answers 200 by the framework's default mapping
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Degraded", json.RootElement.GetProperty("status").GetString());
        var check = json.RootElement.GetProperty("checks").GetProperty("configuration-sources");
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Contains($".env:2:14: variable '{unset}' is not set", check.GetProperty("description").GetString());
        Assert.Contains(unset, check.GetProperty("data").GetProperty("warning 1").GetString());
        Assert.DoesNotContain("db-host-value", body);
        await app.StopAsync();
    }
}

using System.ComponentModel.DataAnnotations;
using Config.Providers.Testing;
using Config.Providers.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Discovery;

/// <summary>
/// A web app with invalid settings, in process: the start fails before the server or any hosted service starts, with
/// the settings report, and the host does not log it again with a stack trace ("Hosting failed to start"). The
/// process-level half — one report on standard error, exit code 2, no "Unhandled exception" — runs the example
/// service as a process (CheckConfigTests).
/// </summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly TempDirectory contentRoot = new();

    public void Dispose() => contentRoot.Dispose();

    public sealed class ApiSettings
    {
        [Range(1, 65535)]
        public int Port { get; set; } = 80;

        [Secret]
        public string? Signing { get; set; }
    }

    private sealed class Marker : IHostedService
    {
        public static int Started;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Started);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Fact]
    public async Task A_web_app_with_invalid_settings_starts_neither_kestrel_nor_a_hosted_service_and_the_host_logs_no_trace()
    {
        contentRoot.Write(".env", "Api__Port=70000\nApi__Signing=never-shown-9f2c\n");
        var logs = new CapturedLogs();
        var port = TestPorts.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = contentRoot.Path });
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.AddServiceDiscovery(o => o.UseConsul = false);
        builder.Services.AddSettings<ApiSettings>("Api");
        builder.Services.AddHostedService<Marker>();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var app = builder.Build();
        app.MapGet("/", () => "up");
        var before = Volatile.Read(ref Marker.Started);

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Api:Port: The field Port must be between 1 and 65535. (from env file", error.Message);
        Assert.DoesNotContain("never-shown-9f2c", error.Message);
        Assert.Equal(before, Volatile.Read(ref Marker.Started));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://127.0.0.1:{port}/"));
        Assert.DoesNotContain(logs.Lines, line => line.Contains("Hosting failed to start", StringComparison.Ordinal));
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Config.Providers.Tests.Support;

/// <summary>Builds real generic hosts over a reloadable in-memory source, with captured logs.</summary>
public static class TestHosts
{
    public static (IHost Host, ReloadableMemoryConfiguration Source, CapturedLogs Logs) Build(
        IDictionary<string, string?> data,
        Action<IServiceCollection> services)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Test" });
        var source = new ReloadableMemoryConfiguration(data);
        ((IConfigurationBuilder)builder.Configuration).Add(source);
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        // Scope validation on, so resolving a scoped validator from the root provider fails the test.
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
        services(builder.Services);
        return (builder.Build(), source, logs);
    }

    public static Dictionary<string, string?> Data(params (string Key, string? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
}

using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Config.Providers.Tests.Settings;

/// <summary>
/// Starting a host with several settings types asks the container for each service once: the container compiles a
/// resolver (Reflection.Emit, and the JIT for its emitter) for a service asked for a second time, which the settings
/// pipelines and the wrapped host lifetime caused at every start (docs/benchmarks.md, "Startup").
/// </summary>
public sealed class ServiceResolutionTests
{
    public sealed class First
    {
        public int Level { get; set; }
    }

    public sealed class Second
    {
        public string Name { get; set; } = "";
    }

    public sealed class Third
    {
        public bool Enabled { get; set; }
    }

    /// <summary>Counts the container's "service resolved" events, per provider.</summary>
    private sealed class ResolutionListener : EventListener
    {
        public ConcurrentDictionary<(int Provider, string Service), int> Counts { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Extensions-DependencyInjection")
            {
                EnableEvents(source, EventLevel.Verbose, EventKeywords.All);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName == "ServiceResolved" && e.Payload is [string service, int provider, ..])
            {
                Counts.AddOrUpdate((provider, service), 1, (_, n) => n + 1);
            }
        }
    }

    [Fact]
    public async Task A_host_with_three_settings_types_asks_for_each_service_once()
    {
        using var listener = new ResolutionListener();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        ((IConfigurationBuilder)builder.Configuration).Add(new MemoryConfigurationSource
        {
            InitialData = [new("First:Level", "3"), new("Second:Name", "orders"), new("Third:Enabled", "true")],
        });
        builder.Services.AddSettings<First>("First");
        builder.Services.AddSettings<Second>("Second");
        builder.Services.AddSettings<Third>("Third");
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();

        var provider = host.Services.GetHashCode();
        var mine = listener.Counts.Where(c => c.Key.Provider == provider).ToList();
        Assert.Contains(mine, c => c.Key.Service.Contains(nameof(First), StringComparison.Ordinal));   // the events were seen
        Assert.Empty(mine.Where(c => c.Value > 1).Select(c => $"{c.Key.Service} x{c.Value}"));
    }
}

using System.Diagnostics;
using Config.Providers.Consul;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Config.Providers.Benchmarks.Scale;

/// <summary>The settings every simulated instance binds: one key from the shared folder, one from its service's.</summary>
public sealed class ScaleSettings
{
    /// <summary>From <c>config/application/Scale/Shared</c>.</summary>
    [Mutable]
    public int Shared { get; set; }

    /// <summary>From <c>config/{service}/Scale/Level</c>.</summary>
    [Mutable]
    public int Level { get; set; }
}

/// <summary>
/// One simulated service instance: the real stack a service runs (<c>AddConsulKv</c> with its four default folders,
/// <c>AddSettings&lt;T&gt;</c>, an <c>IOptionsMonitor</c> listener), its own HTTP connections, and the moment a change
/// reached its settings.
/// </summary>
public sealed class ScaleInstance : IAsyncDisposable
{
    private readonly ConfigurationRoot configuration;
    private readonly ServiceProvider services;
    private readonly IDisposable? listener;
    private Func<ScaleSettings, bool>? expected;
    private long arrived;
    private Action? onArrived;

    private ScaleInstance(ConfigurationRoot configuration, ServiceProvider services)
    {
        this.configuration = configuration;
        this.services = services;
        var monitor = services.GetRequiredService<IOptionsMonitor<ScaleSettings>>();
        listener = monitor.OnChange(settings =>
        {
            if (Volatile.Read(ref expected) is { } wanted && wanted(settings) && Interlocked.CompareExchange(ref arrived, Stopwatch.GetTimestamp(), 0) == 0)
            {
                onArrived?.Invoke();
            }
        });
        Current = () => monitor.CurrentValue;
    }

    /// <summary>The settings as the instance sees them now.</summary>
    public Func<ScaleSettings> Current { get; }

    /// <summary>When the awaited change reached the settings (a <see cref="Stopwatch"/> timestamp), or 0.</summary>
    public long Arrived => Volatile.Read(ref arrived);

    /// <summary>Starts one instance against <paramref name="consul"/>, counting its requests in <paramref name="requests"/>.</summary>
    public static ScaleInstance Start(Uri consul, string service, RequestCounter requests, ConsulConsistency consistency)
    {
        var http = new HttpClient(new CountingHandler(requests, new SocketsHttpHandler()), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        var configuration = (ConfigurationRoot)new ConfigurationBuilder().AddConsulKv(s =>
        {
            s.Client = new ConsulClientOptions { Address = consul, Consistency = consistency };
            s.Service = service;
            s.Environment = "Production";
            s.HttpClient = http;
            s.StartupTimeout = TimeSpan.FromSeconds(120);
        }).Build();
        var collection = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        collection.AddSettings<ScaleSettings>("Scale");
        var provider = collection.BuildServiceProvider();
        var instance = new ScaleInstance(configuration, provider);
        _ = instance.Current(); // bound and validated, as a started host would have
        return instance;
    }

    /// <summary>Waits for settings that satisfy <paramref name="wanted"/>; <paramref name="arrivedNow"/> runs once when they do.</summary>
    public void Expect(Func<ScaleSettings, bool> wanted, Action arrivedNow)
    {
        Interlocked.Exchange(ref arrived, 0);
        onArrived = arrivedNow;
        Volatile.Write(ref expected, wanted);
        if (wanted(Current()) && Interlocked.CompareExchange(ref arrived, Stopwatch.GetTimestamp(), 0) == 0)
        {
            arrivedNow();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener?.Dispose();
        await services.DisposeAsync();
        configuration.Dispose();
    }

    /// <summary>Counts every HTTP request an instance sends: what the Consul agent receives.</summary>
    private sealed class CountingHandler(RequestCounter counter, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Add();
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>Requests sent by all instances.</summary>
public sealed class RequestCounter
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    public void Add() => Interlocked.Increment(ref count);
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Config.Providers.Consul;
using Config.Providers.Testing;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Benchmarks;

/// <summary>
/// Against a real Consul agent (started here, as the tests do): loading 10,000 keys with the provider vs a bare
/// HttpClient GET + System.Text.Json parse of the same folder into a key → value dictionary (the floor).
/// </summary>
[MemoryDiagnoser]
public class ConsulLoadBenchmarks
{
    private const int Keys = 10_000;
    private ConsulAgent agent = null!;
    private HttpClient http = null!;

    [GlobalSetup]
    public void Setup()
    {
        agent = ConsulAgent.StartAsync().GetAwaiter().GetResult();
        agent.SeedAsync(Enumerable.Range(0, Keys).Select(i => ($"config/bench/Section{i % 100}/Key{i}", $"value-{i}"))).GetAwaiter().GetResult();
        http = new HttpClient { BaseAddress = agent.Address };
        if (Bare().Count != Keys || Provider().AsEnumerable().Count(p => p.Value is not null) != Keys)
        {
            throw new InvalidOperationException("The two readers disagree on the key count.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        http.Dispose();
        agent.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "Bare HttpClient GET + System.Text.Json")]
    public Dictionary<string, string?> Bare()
    {
        using var stream = http.GetStreamAsync("v1/kv/config/bench/?recurse").GetAwaiter().GetResult();
        var entries = JsonSerializer.Deserialize<BareEntry[]>(stream)!;
        var result = new Dictionary<string, string?>(entries.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            result[entry.Key] = entry.Value is null ? null : Encoding.UTF8.GetString(entry.Value);
        }

        return result;
    }

    [Benchmark(Description = "AddConsulKv load (2 folders: application + service)")]
    public IConfigurationRoot Provider()
    {
        var root = new ConfigurationBuilder().AddConsulKv(s =>
        {
            s.Client = new ConsulClientOptions { Address = agent.Address };
            s.Service = "bench";
            s.ReloadOnChange = false;
        }).Build();
        ((IDisposable)root).Dispose();
        return root;
    }

    public sealed class BareEntry
    {
        public string Key { get; set; } = string.Empty;

        public byte[]? Value { get; set; }
    }
}

/// <summary>
/// Change latency on a real agent: from a PUT to the provider's reload signal, vs from a PUT to the return of a
/// bare blocking query on the same folder. Each operation includes the PUT's own round trip.
/// </summary>
public class ConsulChangeLatencyBenchmarks
{
    private ConsulAgent agent = null!;
    private ConsulHttpClient writer = null!;
    private HttpClient http = null!;
    private IConfigurationRoot configuration = null!;
    private ulong index;
    private int counter;

    [GlobalSetup]
    public void Setup()
    {
        agent = ConsulAgent.StartAsync().GetAwaiter().GetResult();
        writer = agent.Client();
        writer.PutAsync("config/latency/Value", "0").GetAwaiter().GetResult();
        http = new HttpClient { BaseAddress = agent.Address, Timeout = Timeout.InfiniteTimeSpan };
        configuration = new ConfigurationBuilder().AddConsulKv(s =>
        {
            s.Client = new ConsulClientOptions { Address = agent.Address };
            s.Service = "latency";
        }).Build();
        using var response = http.GetAsync("v1/kv/config/latency/?recurse").GetAwaiter().GetResult();
        index = ulong.Parse(response.Headers.GetValues("X-Consul-Index").First(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Lets the provider's watch issue its next blocking query (it keeps at least 100 ms between queries). Both
    /// contenders get the same pause, so both are measured one operation per iteration, the same way.
    /// </summary>
    [IterationSetup]
    public void LetTheWatchSettle() => Thread.Sleep(150);

    [GlobalCleanup]
    public void Cleanup()
    {
        ((IDisposable)configuration).Dispose();
        writer.Dispose();
        http.Dispose();
        agent.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "Bare blocking query returns after a PUT")]
    public void BareBlockingQuery()
    {
        var pending = http.GetAsync($"v1/kv/config/latency/?recurse&index={index}&wait=30s");
        writer.PutAsync("config/latency/Value", (++counter).ToString(CultureInfo.InvariantCulture)).GetAwaiter().GetResult();
        using var response = pending.GetAwaiter().GetResult();
        index = ulong.Parse(response.Headers.GetValues("X-Consul-Index").First(), CultureInfo.InvariantCulture);
    }

    [Benchmark(Description = "AddConsulKv reload signal after a PUT")]
    public void ProviderReload()
    {
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = configuration.GetReloadToken().RegisterChangeCallback(_ => reloaded.TrySetResult(), null);
        writer.PutAsync("config/latency/Value", (++counter).ToString(CultureInfo.InvariantCulture)).GetAwaiter().GetResult();
        reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
    }
}

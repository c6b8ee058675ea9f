using Config.Providers.Consul;
using Config.Providers.Testing;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Benchmarks;

/// <summary>Measures the managed memory the Consul provider keeps alive for a folder of many keys.</summary>
public static class ConsulMemory
{
    public static async Task ReportAsync(int keys)
    {
        await using var agent = await ConsulAgent.StartAsync();
        await agent.SeedAsync(Enumerable.Range(0, keys).Select(i => ($"config/memory/Section{i % 100}/Key{i}", $"value-{i}")));

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var configuration = new ConfigurationBuilder().AddConsulKv(s =>
        {
            s.Client = new ConsulClientOptions { Address = agent.Address };
            s.Service = "memory";
            s.ReloadOnChange = false;
        }).Build();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var count = configuration.AsEnumerable().Count(p => p.Value is not null);
        Console.WriteLine($"keys: {count}; memory held by the configuration: {(after - before) / 1024.0 / 1024.0:0.0} MiB ({(after - before) / (double)count:0} bytes per key)");
        GC.KeepAlive(configuration);
        ((IDisposable)configuration).Dispose();
    }
}

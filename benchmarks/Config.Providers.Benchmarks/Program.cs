using BenchmarkDotNet.Running;
using Config.Providers.Benchmarks;

if (args is ["consul-memory", ..])
{
    // Not a timing: how much memory the provider keeps for 100,000 keys (see docs/benchmarks.md).
    await ConsulMemory.ReportAsync(100_000);
    return;
}

if (args is ["scale", ..])
{
    // Not a BenchmarkDotNet run: N simulated instances against a 3-server cluster (see docs/scale.md).
    var sizes = args.Length > 1 ? args[1].Split(',').Select(int.Parse).ToArray() : [100, 300, 1000];
    var rounds = args.Length > 2 ? int.Parse(args[2]) : 3;
    var consistency = args.Length > 3 ? Enum.Parse<Config.Providers.Consul.ConsulConsistency>(args[3], ignoreCase: true) : Config.Providers.Consul.ConsulConsistency.Default;
    await Config.Providers.Benchmarks.Scale.ScaleHarness.RunAsync(sizes, rounds, consistency);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

using BenchmarkDotNet.Running;
using Config.Providers.Benchmarks;

if (args is ["consul-memory", ..])
{
    // Not a timing: how much memory the provider keeps for 100,000 keys (see docs/benchmarks.md).
    await ConsulMemory.ReportAsync(100_000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

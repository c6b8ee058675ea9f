using System.Diagnostics;
using System.Globalization;
using Config.Providers.Consul;
using Config.Providers.Testing;

namespace Config.Providers.Benchmarks.Scale;

/// <summary>
/// N simulated service instances (<see cref="ScaleInstance"/>, in this process, each with its own connections) against
/// a 3-server Consul cluster on loopback, through its client agent as services reach Consul through their node's agent.
/// For each N: the managed memory per instance, then a change to the shared <c>application/</c> folder and one to the
/// service's folder, and a change during which the leader is killed; each measured from the write until every
/// instance's settings hold the new value (p50, p99, max), with the requests the instances sent (what the agent
/// forwards to the servers) and the CPU time the servers and the agent spent, until the requests went quiet again.
/// Not a BenchmarkDotNet run: one process, wall-clock fan-out; docs/scale.md has the table and the command.
/// </summary>
public static class ScaleHarness
{
    private const string Service = "orders";
    private static readonly TimeSpan FanOutLimit = TimeSpan.FromSeconds(120);

    public static async Task RunAsync(IReadOnlyList<int> sizes, int rounds, ConsulConsistency consistency)
    {
        // One agent holds every instance's blocking queries here (4 per instance): Consul's default of 200
        // connections per client address would refuse most of them on loopback.
        await using var cluster = await ConsulCluster.StartAsync("limits { http_max_conns_per_client = 10000 }");
        using var admin = new ConsulHttpClient(new ConsulClientOptions { Address = cluster.Client.Address, RequestTimeout = TimeSpan.FromSeconds(30) });
        await SeedAsync(admin);

        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; .NET {Environment.Version}; rounds: {rounds}; consistency: {consistency}");
        Console.WriteLine("| N | change | p50 | p99 | max | requests per change | peak requests/s | servers' CPU s | agent CPU s | instances' CPU s |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var value = 0;
        foreach (var n in sizes)
        {
            var requests = new RequestCounter();
            var (instances, perInstance, startup) = await StartInstancesAsync(cluster.Client.Address, n, requests, consistency);
            Console.Error.WriteLine($"N={n}: started in {startup.TotalSeconds:0.0} s; managed memory per instance {perInstance / 1024.0:0.0} KiB");
            try
            {
                await QuietAsync(requests);
                for (var round = 0; round < rounds; round++)
                {
                    var shared = ++value;
                    Print(n, "application/ (shared)", await FanOutAsync(cluster, admin, instances, requests, "config/application/Scale/Shared", shared, s => s.Shared == shared, killLeader: false));
                    var level = ++value;
                    Print(n, $"{Service}/ (its own)", await FanOutAsync(cluster, admin, instances, requests, $"config/{Service}/Scale/Level", level, s => s.Level == level, killLeader: false));
                }

                var during = ++value;
                Print(n, "application/, leader killed", await FanOutAsync(cluster, admin, instances, requests, "config/application/Scale/Shared", during, s => s.Shared == during, killLeader: true));
                Console.WriteLine($"| {n} | memory per instance (managed) | {perInstance / 1024.0:0.0} KiB | | | | | | | |");
            }
            finally
            {
                await Task.WhenAll(instances.Select(i => i.DisposeAsync().AsTask()));
            }
        }
    }

    private static async Task SeedAsync(ConsulHttpClient admin)
    {
        // Each folder a service reads holds some keys besides the ones that change: its answers are not empty.
        foreach (var folder in new[] { "application", "application,Production", Service, $"{Service},Production" })
        {
            for (var i = 0; i < 20; i++)
            {
                await admin.PutAsync($"config/{folder}/Filler/Key{i}", $"value {i} of {folder}");
            }
        }

        await admin.PutAsync("config/application/Scale/Shared", "0");
        await admin.PutAsync($"config/{Service}/Scale/Level", "0");
    }

    private static async Task<(List<ScaleInstance> Instances, double BytesPerInstance, TimeSpan Startup)> StartInstancesAsync(Uri consul, int n, RequestCounter requests, ConsulConsistency consistency)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var started = Stopwatch.StartNew();
        var instances = new ScaleInstance[n];
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 32 }, (i, _) =>
        {
            instances[i] = ScaleInstance.Start(consul, Service, requests, consistency);
            return ValueTask.CompletedTask;
        });
        started.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        return ([.. instances], (after - before) / (double)n, started.Elapsed);
    }

    private static async Task<FanOut> FanOutAsync(ConsulCluster cluster, ConsulHttpClient admin, List<ScaleInstance> instances, RequestCounter requests, string key, int value, Func<ScaleSettings, bool> wanted, bool killLeader)
    {
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var left = instances.Count;
        foreach (var instance in instances)
        {
            instance.Expect(wanted, () =>
            {
                if (Interlocked.Decrement(ref left) == 0)
                {
                    all.TrySetResult();
                }
            });
        }

        var nodes = cluster.Servers.Append(cluster.Client).ToList();
        var cpuBefore = nodes.ToDictionary(n => n, CpuSeconds);
        var requestsBefore = requests.Count;
        var ownCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var peak = new PeakRate(requests);
        var written = Stopwatch.GetTimestamp();
        await admin.PutAsync(key, value.ToString(CultureInfo.InvariantCulture));
        ConsulCluster.Node? killed = null;
        if (killLeader)
        {
            killed = await cluster.LeaderAsync();
            await killed.StopAsync();
        }

        var finished = await Task.WhenAny(all.Task, Task.Delay(FanOutLimit)) == all.Task;
        var times = instances.Select(i => i.Arrived == 0 ? double.NaN : Stopwatch.GetElapsedTime(written, i.Arrived).TotalMilliseconds).ToList();
        await QuietAsync(requests);
        peak.Stop();
        var ownCpu = (Process.GetCurrentProcess().TotalProcessorTime - ownCpuBefore).TotalSeconds;
        var cpu = nodes.Where(n => n != killed).ToDictionary(n => n, n => CpuSeconds(n) - cpuBefore[n]);
        if (killed is not null)
        {
            killed.Start();
            await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(90));
            await QuietAsync(requests);
        }

        var reached = times.Where(t => !double.IsNaN(t)).Order().ToList();
        return new FanOut(
            finished ? null : $"{instances.Count - reached.Count} of {instances.Count} did not see the change within {FanOutLimit.TotalSeconds:0} s",
            Percentile(reached, 0.50), Percentile(reached, 0.99), reached.Count > 0 ? reached[^1] : double.NaN,
            requests.Count - requestsBefore, peak.Peak,
            cpu.Where(c => cluster.Servers.Contains(c.Key)).Sum(c => c.Value), cpu.GetValueOrDefault(cluster.Client), ownCpu);
    }

    private static void Print(int n, string change, FanOut f) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {n} | {change}{(f.Missed is null ? "" : $" ({f.Missed})")} | {f.P50:0} ms | {f.P99:0} ms | {f.Max:0} ms | {f.Requests} | {f.PeakPerSecond:0} | {f.ServerCpu:0.00} | {f.AgentCpu:0.00} | {f.OwnCpu:0.00} |"));

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Waits until no instance sent a request for a second (every watch is blocking again), at most two minutes.</summary>
    private static async Task QuietAsync(RequestCounter requests)
    {
        var deadline = Stopwatch.StartNew();
        var last = requests.Count;
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(1000);
            var now = requests.Count;
            if (now == last)
            {
                return;
            }

            last = now;
        }
    }

    /// <summary>User + system CPU time of a node's process so far, from /proc (Linux), in seconds.</summary>
    private static double CpuSeconds(ConsulCluster.Node node)
    {
        if (node.ProcessId is not { } pid || !File.Exists($"/proc/{pid}/stat"))
        {
            return 0;
        }

        // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is the
        // 14th field of the line, stime the 15th, in clock ticks (100 per second on Linux).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private sealed record FanOut(string? Missed, double P50, double P99, double Max, long Requests, double PeakPerSecond, double ServerCpu, double AgentCpu, double OwnCpu);

    /// <summary>The highest request rate over any 100 ms window while it runs, per second.</summary>
    private sealed class PeakRate
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task sampling;

        public PeakRate(RequestCounter requests)
        {
            sampling = Task.Run(async () =>
            {
                var last = requests.Count;
                var clock = Stopwatch.StartNew();
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
                try
                {
                    while (await timer.WaitForNextTickAsync(stop.Token))
                    {
                        var now = requests.Count;
                        var elapsed = clock.Elapsed.TotalSeconds;
                        clock.Restart();
                        Peak = Math.Max(Peak, (now - last) / elapsed);
                        last = now;
                    }
                }
                catch (OperationCanceledException)
                {
                }
            });
        }

        public double Peak { get; private set; }

        public void Stop()
        {
            stop.Cancel();
            sampling.Wait();
        }
    }
}

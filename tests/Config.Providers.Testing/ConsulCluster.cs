using System.Diagnostics;
using Config.Providers.Consul;

namespace Config.Providers.Testing;

/// <summary>
/// A real Consul cluster on loopback: three servers (fast Raft timing) and one client agent, the one an application
/// talks to, each a process on its own ports with its own data directory. Nodes can be killed and started again with
/// their data, so leader loss, follower loss and a restarted local agent can be tested.
/// </summary>
public sealed class ConsulCluster : IAsyncDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("consul-cluster-").FullName;

    private readonly string? extraHcl;

    private ConsulCluster(string? extraHcl)
    {
        this.extraHcl = extraHcl;
        Servers = [.. Enumerable.Range(1, 3).Select(i => new Node(this, $"server{i}", server: true))];
        Client = new Node(this, "client", server: false);
    }

    public IReadOnlyList<Node> Servers { get; }

    /// <summary>The client agent applications talk to.</summary>
    public Node Client { get; }

    /// <summary>Starts the cluster and waits for a leader and a client agent that answers.</summary>
    /// <param name="extraHcl">More agent configuration for every node (the scale harness raises the connection limits).</param>
    public static async Task<ConsulCluster> StartAsync(string? extraHcl = null)
    {
        var cluster = new ConsulCluster(extraHcl);
        try
        {
            foreach (var node in cluster.Servers.Append(cluster.Client))
            {
                node.Start();
            }

            await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(90));
            await cluster.Client.WaitForKvAsync(TimeSpan.FromSeconds(60));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The server that leads now (asked of any server that answers).</summary>
    public async Task<Node> LeaderAsync()
    {
        foreach (var server in Servers.Where(s => s.IsRunning))
        {
            try
            {
                using var client = server.Http();
                var leader = await client.LeaderAsync();
                if (Servers.FirstOrDefault(s => leader.EndsWith(":" + s.ServerPort, StringComparison.Ordinal)) is { } found)
                {
                    return found;
                }
            }
            catch (ConsulException)
            {
            }
        }

        throw new InvalidOperationException("no server knows a leader");
    }

    /// <summary>Polls until a running server names a leader (an event with a deadline).</summary>
    public async Task WaitForLeaderAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await LeaderAsync();
                return;
            }
            catch (InvalidOperationException) when (deadline.Elapsed < timeout)
            {
                foreach (var node in Servers.Where(s => s.HasExitedUnexpectedly))
                {
                    throw new InvalidOperationException($"{node.Name} exited:\n{node.Tail()}");
                }

                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Servers.Append(Client))
        {
            await node.StopAsync();
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>One agent process.</summary>
    public sealed class Node
    {
        private readonly ConsulCluster cluster;
        private readonly bool server;
        private Process? process;
        private bool stopping;

        internal Node(ConsulCluster cluster, string name, bool server)
        {
            this.cluster = cluster;
            this.server = server;
            Name = name;
            DataDirectory = Path.Combine(cluster.root, name);
            Directory.CreateDirectory(DataDirectory);
        }

        public string Name { get; }

        public int HttpPort { get; } = TestPorts.Next();

        public int ServerPort { get; } = TestPorts.Next();

        public int SerfLanPort { get; } = TestPorts.Next();

        public int SerfWanPort { get; } = TestPorts.Next();

        public string DataDirectory { get; }

        public Uri Address => new($"http://127.0.0.1:{HttpPort}");

        public bool IsRunning => process is { HasExited: false };

        /// <summary>The agent's process id while it runs (the scale harness reads its CPU time).</summary>
        public int? ProcessId => process is { HasExited: false } running ? running.Id : null;

        internal bool HasExitedUnexpectedly => !stopping && process is { HasExited: true };

        public List<string> Output { get; } = [];

        internal ConsulHttpClient Http() => new(new ConsulClientOptions { Address = Address, RequestTimeout = TimeSpan.FromSeconds(2) });

        public string Tail()
        {
            lock (Output)
            {
                return string.Join('\n', Output.TakeLast(20));
            }
        }

        /// <summary>Starts the agent (again, with its data when it ran before).</summary>
        public void Start()
        {
            stopping = false;
            var arguments = new List<string>
            {
                "agent", "-node", Name, "-data-dir", DataDirectory, "-bind", "127.0.0.1", "-client", "127.0.0.1",
                "-http-port", HttpPort.ToString(), "-dns-port", "-1", "-grpc-port", "-1",
                "-serf-lan-port", SerfLanPort.ToString(), "-serf-wan-port", SerfWanPort.ToString(), "-server-port", ServerPort.ToString(),
                "-log-level", "warn", "-hcl", "performance { raft_multiplier = 1 }",
            };
            if (server)
            {
                arguments.AddRange(["-server", "-bootstrap-expect", "3"]);
            }

            if (cluster.extraHcl is not null)
            {
                arguments.AddRange(["-hcl", cluster.extraHcl]);
            }

            foreach (var other in cluster.Servers.Where(s => s != this))
            {
                arguments.AddRange(["-retry-join", $"127.0.0.1:{other.SerfLanPort}"]);
            }

            var start = new ProcessStartInfo(ConsulAgent.BinaryPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            arguments.ForEach(start.ArgumentList.Add);
            process = Process.Start(start) ?? throw new InvalidOperationException("could not start consul");
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (Output) Output.Add(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (Output) Output.Add(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        /// <summary>Kills the process at once (SIGKILL), as a crash would.</summary>
        public async Task StopAsync()
        {
            stopping = true;
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }

            process?.Dispose();
            process = null;
        }

        /// <summary>Polls until this agent answers a KV read (an event with a deadline).</summary>
        public async Task WaitForKvAsync(TimeSpan timeout)
        {
            using var client = Http();
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    await client.ListAsync("ready");
                    return;
                }
                catch (ConsulException) when (deadline.Elapsed < timeout)
                {
                    if (HasExitedUnexpectedly)
                    {
                        throw new InvalidOperationException($"{Name} exited:\n{Tail()}");
                    }

                    await Task.Delay(100);
                }
            }
        }
    }
}

using System.Diagnostics;
using Config.Providers.Consul;

namespace Config.Providers.Testing;

/// <summary>
/// A real Consul agent in dev mode on free loopback ports. Finds `consul` on PATH or installs it with
/// .ci/install-consul.sh (into the git-ignored .tools/). With CONSUL_REQUIRED=1 (CI) a Consul that cannot be
/// started fails the tests; otherwise they are skipped with the reason (ConsulFactAttribute in the tests).
/// </summary>
public sealed class ConsulAgent : IAsyncDisposable
{
    private static readonly Lazy<string?> Binary = new(FindOrInstall);
    private Process? process;
    private string? dataDirectory;

    private const int PortAttempts = 3;
    private readonly bool fixedHttpPort;

    private ConsulAgent(int? httpPort, string? aclMasterToken, bool tls)
    {
        fixedHttpPort = httpPort is not null;
        HttpPort = httpPort ?? TestPorts.Next();
        AclMasterToken = aclMasterToken;
        HttpsPort = tls ? TestPorts.Next() : null;
    }

    /// <summary>The HTTPS port when started with TLS.</summary>
    public int? HttpsPort { get; private set; }

    /// <summary>The CA certificate (PEM) that signed the agent's certificate, when started with TLS.</summary>
    public string? CaCertificateFile { get; private set; }

    public int HttpPort { get; private set; }

    public string? AclMasterToken { get; }

    public Uri Address => new($"http://127.0.0.1:{HttpPort}");

    public List<string> Output { get; } = [];

    /// <summary>The consul binary (from PATH, or installed by .ci/install-consul.sh).</summary>
    public static string BinaryPath => Binary.Value ?? throw new InvalidOperationException(UnavailableReason);

    /// <summary>Why Consul is unavailable, or null when a binary was found.</summary>
    public static string? UnavailableReason => Binary.Value is null ? "consul is not on PATH and .ci/install-consul.sh could not install it" : null;

    public static async Task<ConsulAgent> StartAsync(string? aclMasterToken = null, int? httpPort = null, bool tls = false)
    {
        var agent = new ConsulAgent(httpPort, aclMasterToken, tls);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await agent.StartProcessAsync();
                return agent;
            }
            catch (PortTakenException taken) when (attempt < PortAttempts && !agent.fixedHttpPort)
            {
                // Another process took a port between the allocator's check and Consul's bind: start again on fresh
                // ports, and say so (the allocator's range makes this rare; it must never fail a run).
                var message = $"consul could not bind its ports (attempt {attempt} of {PortAttempts}), starting on fresh ports: {taken.Message}";
                Console.Error.WriteLine(message);
                lock (agent.Output)
                {
                    agent.Output.Add(message);
                }

                agent.HttpPort = TestPorts.Next();
                agent.HttpsPort = agent.HttpsPort is null ? null : TestPorts.Next();
            }
        }
    }

    internal ConsulHttpClient Client(string? token = null) => new(new ConsulClientOptions { Address = Address, Token = token ?? AclMasterToken });

    /// <summary>Writes many keys quickly, 64 per transaction (Consul's limit).</summary>
    public async Task SeedAsync(IEnumerable<(string Key, string Value)> pairs)
    {
        using var http = new HttpClient { BaseAddress = Address };
        if (AclMasterToken is not null)
        {
            http.DefaultRequestHeaders.Add("X-Consul-Token", AclMasterToken);
        }

        foreach (var batch in pairs.Chunk(64))
        {
            var operations = batch.Select(p => new { KV = new { Verb = "set", p.Key, Value = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(p.Value)) } });
            using var response = await http.PutAsync("v1/txn", new StringContent(System.Text.Json.JsonSerializer.Serialize(operations)));
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Stops the agent (dev mode: its data is gone).</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        process?.Dispose();
        process = null;
    }

    /// <summary>Starts it again on the same HTTP port, with empty data (Consul indexes start over).</summary>
    public Task RestartAsync() => StartProcessAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (dataDirectory is not null)
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task StartProcessAsync()
    {
        var binary = Binary.Value ?? throw new InvalidOperationException(UnavailableReason);
        dataDirectory ??= Directory.CreateTempSubdirectory("consul-agent-").FullName;
        var arguments = new List<string>
        {
            "agent", "-dev", "-bind", "127.0.0.1", "-client", "127.0.0.1", "-node", "test-" + HttpPort,
            "-http-port", HttpPort.ToString(), "-dns-port", "-1", "-grpc-port", "-1",
            "-serf-lan-port", TestPorts.Next().ToString(), "-serf-wan-port", TestPorts.Next().ToString(), "-server-port", TestPorts.Next().ToString(),
        };
        if (AclMasterToken is not null)
        {
            var config = Path.Combine(dataDirectory, "acl.hcl");
            await File.WriteAllTextAsync(config, $$"""
                acl {
                  enabled = true
                  default_policy = "deny"
                  enable_token_persistence = false
                  tokens { master = "{{AclMasterToken}}" }
                }
                """);
            arguments.AddRange(["-config-file", config]);
        }

        if (HttpsPort is { } httpsPort)
        {
            // A CA and a server certificate for "server.dc1.consul", made by Consul itself.
            await RunConsulAsync(binary, dataDirectory, "tls", "ca", "create");
            await RunConsulAsync(binary, dataDirectory, "tls", "cert", "create", "-server");
            CaCertificateFile = Path.Combine(dataDirectory, "consul-agent-ca.pem");
            var config = Path.Combine(dataDirectory, "tls.hcl");
            await File.WriteAllTextAsync(config, $$"""
                ports { https = {{httpsPort}} }
                ca_file = "{{CaCertificateFile}}"
                cert_file = "{{Path.Combine(dataDirectory, "dc1-server-consul-0.pem")}}"
                key_file = "{{Path.Combine(dataDirectory, "dc1-server-consul-0-key.pem")}}"
                verify_incoming = false
                """);
            arguments.AddRange(["-config-file", config]);
        }

        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        arguments.ForEach(start.ArgumentList.Add);
        process = Process.Start(start) ?? throw new InvalidOperationException("could not start consul");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (Output) Output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (Output) Output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitForLeaderAsync();
    }

    /// <summary>Polls the leader endpoint until there is one (an event with a deadline, not a fixed sleep).</summary>
    private async Task WaitForLeaderAsync()
    {
        using var client = Client();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (process!.HasExited)
            {
                await process.WaitForExitAsync(); // the last output lines are read before the tail is shown
                string tail;
                lock (Output)
                {
                    tail = string.Join('\n', Output.TakeLast(20));
                }

                throw PortTakenException.Matches(tail)
                    ? new PortTakenException($"consul exited with {process.ExitCode}:\n{tail}")
                    : new InvalidOperationException($"consul exited with {process.ExitCode}:\n{tail}");
            }

            try
            {
                if ((await client.LeaderAsync()).Length > 0)
                {
                    return;
                }
            }
            catch (ConsulException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"consul elected no leader within 60 s:\n{string.Join('\n', Output.TakeLast(20))}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private static async Task RunConsulAsync(string binary, string directory, params string[] arguments)
    {
        if (File.Exists(Path.Combine(directory, arguments[1] == "ca" ? "consul-agent-ca.pem" : "dc1-server-consul-0.pem")))
        {
            return;
        }

        var start = new ProcessStartInfo(binary) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"consul {string.Join(' ', arguments)} failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }

    private static string? FindOrInstall()
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, ".ci", "install-consul.sh")))
        {
            root = Path.GetDirectoryName(root);
        }

        if (root is null)
        {
            return null;
        }

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, ".ci", "install-consul.sh"));
        using var install = Process.Start(start)!;
        var output = install.StandardOutput.ReadToEnd();
        install.StandardError.ReadToEnd();
        install.WaitForExit();
        var path = output.Trim().Split('\n').LastOrDefault()?.Trim();
        return install.ExitCode == 0 && File.Exists(path) ? path : null;
    }

    /// <summary>Consul stopped because one of its ports was taken (Go's "address already in use", Consul's "already configured").</summary>
    private sealed class PortTakenException(string message) : InvalidOperationException(message)
    {
        public static bool Matches(string output) =>
            output.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
            || output.Contains("already configured", StringComparison.OrdinalIgnoreCase);
    }
}

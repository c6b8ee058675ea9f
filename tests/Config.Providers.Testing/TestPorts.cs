using System.Net;
using System.Net.Sockets;

namespace Config.Providers.Testing;

/// <summary>
/// The one source of loopback ports for every test fixture (Consul agents and clusters, Kestrel, the check-config
/// runs, "nobody listens here" addresses). A port is handed out at most once per machine-wide cycle: the next
/// number lives in a file under the temp folder, advanced under an exclusive lock, so the test assemblies that
/// <c>dotnet test</c> runs side by side in separate processes never get the same port. The range lies below the
/// kernel's ephemeral range, where outgoing connections (and any <c>bind(0)</c>) take their ports, so nothing else
/// on the machine picks these numbers by chance. Each port is also checked to be free for TCP and UDP (Consul's serf
/// listens on both) before it is handed out.
/// </summary>
/// <remarks>
/// Binding port 0 and closing the socket, the old way, let two callers receive the same number and let any process
/// take it before the agent bound it: the CI failures "address already in use" and "already configured for HTTP".
/// </remarks>
public static class TestPorts
{
    private const int First = 20000;
    private static readonly HashSet<int> Given = [];
    private static readonly string CounterFile = Path.Combine(Path.GetTempPath(), "config-providers-test-ports");

    /// <summary>The range handed out: from 20000 to just below the ephemeral range (32768 on Linux by default).</summary>
    public static (int First, int End) Range { get; } = (First, EphemeralStart() - 1);

    /// <summary>A loopback port no fixture of any test process has been given in this cycle, free right now.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Advance();
            lock (Given)
            {
                if (!Given.Add(port))
                {
                    continue;
                }
            }

            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free loopback port in {Range.First}–{Range.End} after 1000 tries");
    }

    /// <summary>Reads, advances and writes the shared counter while holding the file exclusively (flock on Unix).</summary>
    private static int Advance()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var file = new FileStream(CounterFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                using var reader = new StreamReader(file, leaveOpen: true);
                var port = int.TryParse(reader.ReadToEnd().Trim(), out var stored) && stored >= Range.First && stored <= Range.End
                    ? stored
                    : Range.First + Environment.ProcessId % (Range.End - Range.First);
                var next = port >= Range.End ? Range.First : port + 1;
                file.Position = 0;
                file.SetLength(0);
                using var writer = new StreamWriter(file);
                writer.Write(next);
                return port;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another test process holds the counter for the few microseconds of its own advance.
                Thread.Sleep(Random.Shared.Next(1, 5));
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralStart()
    {
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            if (int.TryParse(text[0], out var start) && start > First + 1000)
            {
                return start;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
        }

        return 32768;
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Config.Providers.Testing;

/// <summary>What the <see cref="FaultProxy"/> does to the next answers.</summary>
public enum ProxyFault
{
    /// <summary>Forwards faithfully.</summary>
    None,

    /// <summary>Sends the headers and half the body, then says nothing more while the connection stays open.</summary>
    StallBody,

    /// <summary>Sends the headers and half the body, then resets the connection.</summary>
    DropMidBody,

    /// <summary>Forwards without the <c>X-Consul-Index</c> header.</summary>
    StripIndex,

    /// <summary>Answers 200 with a JSON body of <see cref="FaultProxy.OversizeBytes"/> bytes, streamed without a length.</summary>
    Oversize,

    /// <summary>Accepts the request and never answers.</summary>
    Hang,

    /// <summary>Answers 200 with an HTML page, as a misconfigured load balancer does.</summary>
    Html,

    /// <summary>Answers 429 with <c>Retry-After</c> of <see cref="FaultProxy.RetryAfterSeconds"/>.</summary>
    TooManyRequests,

    /// <summary>Reads the request and resets the connection without a word.</summary>
    Drop,

    /// <summary>Sends the headers (with the whole body's length) and half the body, then closes the connection cleanly.</summary>
    Truncate,

    /// <summary>Answers 500, as Consul does when it has no leader.</summary>
    ServerError,

    /// <summary>Forwards the request after <see cref="FaultProxy.DelaySeconds"/>, then answers faithfully.</summary>
    Delay,
}

/// <summary>
/// A small misbehaving HTTP/1.1 proxy on loopback in front of a real Consul agent: it forwards each request and
/// spoils the answer as told (<see cref="ProxyFault"/>), one connection per request. It counts requests, so a test
/// can tell a busy loop from a calm one. Every wait inside it ends when it is disposed.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly HttpClient upstream;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private readonly object gate = new();
    private ProxyFault fault;
    private int faultsLeft = -1;
    private int requests;
    private TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FaultProxy(Uri target)
    {
        upstream = new HttpClient { BaseAddress = target, Timeout = Timeout.InfiniteTimeSpan };
        listener = new TcpListener(IPAddress.Loopback, TestPorts.Next());
        listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    /// <summary>The proxy's own address, to give the code under test.</summary>
    public Uri Address { get; }

    /// <summary>Requests received so far.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>The body size of <see cref="ProxyFault.Oversize"/>. Default: 4 MiB.</summary>
    public int OversizeBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The <c>Retry-After</c> of <see cref="ProxyFault.TooManyRequests"/>. Default: 3 s.</summary>
    public int RetryAfterSeconds { get; set; } = 3;

    /// <summary>How long <see cref="ProxyFault.Delay"/> holds each request. Default: 70 s.</summary>
    public int DelaySeconds { get; set; } = 70;

    /// <summary>
    /// Runs when a request arrives, before its fault is chosen and it is forwarded, with its method and target (path and
    /// query): a test's way to make something happen between two requests of the client, such as another writer's edit
    /// between a read and a write, or to spoil one kind of request only.
    /// </summary>
    public Func<string, string, Task>? BeforeForward { get; set; }

    /// <summary>Starts a proxy in front of <paramref name="target"/>.</summary>
    public static FaultProxy Start(Uri target) => new(target);

    /// <summary>Completes once <paramref name="count"/> requests in all have arrived; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var next = Volatile.Read(ref arrived).Task;
            if (Requests >= count)
            {
                return;
            }

            await next.WaitAsync(deadline.Token);
        }
    }

    /// <summary>Spoils the next <paramref name="times"/> answers (all of them when null) with <paramref name="what"/>.</summary>
    public void Inject(ProxyFault what, int? times = null)
    {
        lock (gate)
        {
            fault = what;
            faultsLeft = times ?? -1;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await accepting.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or TimeoutException)
        {
        }

        upstream.Dispose();
        stopping.Dispose();
    }

    private ProxyFault Take()
    {
        lock (gate)
        {
            if (faultsLeft == 0)
            {
                fault = ProxyFault.None;
            }
            else if (faultsLeft > 0)
            {
                faultsLeft--;
            }

            return fault;
        }
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException
                || (e is InvalidOperationException && stopping.IsCancellationRequested))
            {
                // Disposed between the loop's check and the accept: the stopped listener says "Not listening".
                return;
            }

            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream, stopping.Token);
                if (request is null)
                {
                    return;
                }

                Interlocked.Increment(ref requests);
                Interlocked.Exchange(ref arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                if (BeforeForward is { } before)
                {
                    await before(request.Method, request.Target);
                }

                var what = Take();
                switch (what)
                {
                    case ProxyFault.Hang:
                        await Task.Delay(Timeout.Infinite, stopping.Token);
                        return;
                    case ProxyFault.Html:
                        await WriteAsync(stream, "200 OK", [("Content-Type", "text/html")], "<html><body>Welcome to nginx!</body></html>"u8.ToArray());
                        return;
                    case ProxyFault.TooManyRequests:
                        await WriteAsync(stream, "429 Too Many Requests", [("Content-Type", "text/plain"), ("Retry-After", RetryAfterSeconds.ToString())], "rate limit exceeded"u8.ToArray());
                        return;
                    case ProxyFault.Oversize:
                        await WriteOversizeAsync(stream);
                        return;
                    case ProxyFault.Drop:
                        client.Client.LingerState = new LingerOption(true, 0);
                        client.Client.Close();
                        return;
                    case ProxyFault.ServerError:
                        await WriteAsync(stream, "500 Internal Server Error", [("Content-Type", "text/plain")], "No cluster leader"u8.ToArray());
                        return;
                    case ProxyFault.Delay:
                        await Task.Delay(TimeSpan.FromSeconds(DelaySeconds), stopping.Token);
                        break;
                }

                using var forwarded = new HttpRequestMessage(new HttpMethod(request.Method), request.Target.TrimStart('/'));
                if (request.Body.Length > 0)
                {
                    forwarded.Content = new ByteArrayContent(request.Body);
                }

                foreach (var (name, value) in request.Headers.Where(h => h.Name.StartsWith("X-Consul-", StringComparison.OrdinalIgnoreCase)))
                {
                    forwarded.Headers.TryAddWithoutValidation(name, value);
                }

                using var response = await upstream.SendAsync(forwarded, stopping.Token);
                var body = await response.Content.ReadAsByteArrayAsync(stopping.Token);
                var headers = new List<(string, string)>();
                if (response.Content.Headers.ContentType is { } type)
                {
                    headers.Add(("Content-Type", type.ToString()));
                }

                foreach (var header in response.Headers.Where(h => h.Key.StartsWith("X-Consul-", StringComparison.OrdinalIgnoreCase)))
                {
                    if (what != ProxyFault.StripIndex || !header.Key.Equals("X-Consul-Index", StringComparison.OrdinalIgnoreCase))
                    {
                        headers.Add((header.Key, string.Join(',', header.Value)));
                    }
                }

                var statusLine = $"{(int)response.StatusCode} {response.ReasonPhrase}";
                switch (what)
                {
                    case ProxyFault.StallBody:
                        await WriteAsync(stream, statusLine, headers, body, send: body.Length / 2);
                        await Task.Delay(Timeout.Infinite, stopping.Token);
                        break;
                    case ProxyFault.DropMidBody:
                        await WriteAsync(stream, statusLine, headers, body, send: body.Length / 2);
                        client.Client.LingerState = new LingerOption(true, 0);
                        client.Client.Close();
                        break;
                    case ProxyFault.Truncate:
                        await WriteAsync(stream, statusLine, headers, body, send: body.Length / 2);
                        client.Client.Shutdown(SocketShutdown.Send);
                        break;
                    default:
                        await WriteAsync(stream, statusLine, headers, body);
                        break;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException or HttpRequestException)
            {
                // The client went away, the agent is down, or the proxy is stopping: drop this connection.
            }
        }
    }

    private async Task WriteOversizeAsync(NetworkStream stream)
    {
        var head = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Consul-Index: 999999\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head, stopping.Token);
        var entry = Encoding.ASCII.GetBytes("{\"Key\":\"config/huge/k\",\"Value\":null,\"ModifyIndex\":1},");
        await stream.WriteAsync("["u8.ToArray(), stopping.Token);
        for (var sent = 0; sent < OversizeBytes; sent += entry.Length)
        {
            await stream.WriteAsync(entry, stopping.Token);
        }

        await stream.WriteAsync("{\"Key\":\"config/huge/k\",\"Value\":null,\"ModifyIndex\":1}]"u8.ToArray(), stopping.Token);
    }

    /// <summary>Writes the answer; with <paramref name="send"/>, only that much of the body (or half the head when the body is empty).</summary>
    private async Task WriteAsync(NetworkStream stream, string status, IEnumerable<(string Name, string Value)> headers, byte[] body, int? send = null)
    {
        var head = new StringBuilder($"HTTP/1.1 {status}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("Content-Length: ").Append(body.Length).Append("\r\nConnection: close\r\n\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        if (send is not null && body.Length == 0)
        {
            await stream.WriteAsync(headBytes.AsMemory(0, headBytes.Length / 2), stopping.Token);
            await stream.FlushAsync(stopping.Token);
            return;
        }

        await stream.WriteAsync(headBytes, stopping.Token);
        await stream.WriteAsync(body.AsMemory(0, send ?? body.Length), stopping.Token);
        await stream.FlushAsync(stopping.Token);
    }

    private static async Task<ProxyRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            buffer.Add(one[0]);
            if (buffer.Count >= 4 && buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n')
            {
                break;
            }
        }

        var lines = Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var first = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2).Select(p => (Name: p[0].Trim(), Value: p[1].Trim())).ToList();
        var length = headers.Where(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(h => int.Parse(h.Value)).FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return new ProxyRequest(first[0], first[1], headers, body);
    }

    private sealed record ProxyRequest(string Method, string Target, List<(string Name, string Value)> Headers, byte[] Body);
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Config.Providers.Consul;

/// <summary>
/// A small client for the parts of Consul's HTTP API this library uses: KV listing with blocking queries, KV
/// writes (for tools and tests), passing service instances from the health API, and agent service registration.
/// One <see cref="HttpClient"/> per client (or one handed in, e.g. from <c>IHttpClientFactory</c>); the token
/// travels in the <c>X-Consul-Token</c> header only. This file holds the transport (one deadline per request, error
/// messages, limits); the endpoints are in <c>ConsulHttpClient.Kv.cs</c> and <c>ConsulHttpClient.Agent.cs</c>.
/// </summary>
internal sealed partial class ConsulHttpClient : IDisposable
{
    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly ConsulClientOptions options;

    /// <summary>Creates a client for <paramref name="options"/>.</summary>
    /// <param name="options">Address, token, TLS.</param>
    /// <param name="httpClient">An HttpClient to use (its base address and timeout are ignored); one is created when null.</param>
    public ConsulHttpClient(ConsulClientOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Token is { } token && token.AsSpan().IndexOfAnyInRange('\0', '\x1f') >= 0)
        {
            // Otherwise the header would be refused on every request with a FormatException naming nothing.
            throw new ConsulException($"The ACL token for Consul at {options} holds a line break or another control character (a token file of two lines?); a token is one line. Its value is not shown.");
        }

        this.options = options;
        ownsHttp = httpClient is null;
        http = httpClient ?? new HttpClient(ConsulHttpHandler.Create(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The options this client uses.</summary>
    public ConsulClientOptions Options => options;

    /// <inheritdoc />
    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }

    /// <summary>The most a blocking query may hold its answer back beyond its wait before it is taken as stalled.</summary>
    internal static readonly TimeSpan BlockingMargin = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long one request may take, headers and body: <paramref name="requestTimeout"/>, or for a blocking query its
    /// wait, Consul's jitter (up to wait/16) and a margin of at most <see cref="BlockingMargin"/> — the answer of a
    /// blocking query is ready when the wait ends, so a peer silent past that has stalled, and the watch retries within
    /// wait + wait/16 + 5 s instead of waiting a whole request timeout more.
    /// </summary>
    internal static TimeSpan RequestDeadline(TimeSpan? wait, TimeSpan requestTimeout) =>
        wait is { } w ? w + (w / 16) + (requestTimeout < BlockingMargin ? requestTimeout : BlockingMargin) : requestTimeout;

    /// <summary>Consul's duration syntax in milliseconds, as the Go client sends it (never 0, which would mean the default).</summary>
    internal static string Duration(TimeSpan value) => Math.Max(1, (long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    private static string EscapePath(string key) => string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    /// <summary>The <c>X-Consul-Index</c> header, or 0 when it is missing or not a number (the watch loop handles 0).</summary>
    private static ulong ReadIndex(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Consul-Index", out var values) && ulong.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : 0;

    private string ReadParameters(ulong index, TimeSpan? wait, bool consistent = false)
    {
        var query = new StringBuilder();
        if (index > 0)
        {
            query.Append("&index=").Append(index.ToString(CultureInfo.InvariantCulture));
            if (wait is { } w)
            {
                query.Append("&wait=").Append(Duration(w));
            }
        }

        query.Append((consistent ? ConsulConsistency.Consistent : options.Consistency) switch { ConsulConsistency.Stale => "&stale", ConsulConsistency.Consistent => "&consistent", _ => string.Empty });
        query.Append(DatacenterParameter('&'));
        return query.ToString();
    }

    private string DatacenterParameter(char separator) =>
        string.IsNullOrEmpty(options.Datacenter) ? string.Empty : $"{separator}dc={Uri.EscapeDataString(options.Datacenter)}";

    /// <summary>
    /// Sends one request and reads its answer with <paramref name="read"/>, all under one deadline: a peer that stalls
    /// after the headers, drops the connection mid-body or sends more than <see cref="ConsulClientOptions.MaxResponseBytes"/>
    /// fails here, as a <see cref="ConsulException"/>, like one that cannot be reached. The body is streamed, never
    /// buffered whole.
    /// </summary>
    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, TimeSpan? wait, string what, Func<ConsulResponse, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        // A base without a trailing '/' would lose its last segment (a reverse-proxy prefix such as /consul).
        var root = options.Address.AbsoluteUri.EndsWith('/') ? options.Address : new Uri(options.Address.AbsoluteUri + "/");
        using var request = new HttpRequestMessage(method, new Uri(root, path)) { Content = content };
        if (!string.IsNullOrEmpty(options.Token))
        {
            request.Headers.Add("X-Consul-Token", options.Token);
        }

        var timeout = RequestDeadline(wait, options.RequestTimeout);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var headersRead = false;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            headersRead = true;
            if (response.Content.Headers.ContentLength > options.MaxResponseBytes)
            {
                throw new ResponseTooLargeException();
            }

            await using var body = new LimitedReadStream(await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false), options.MaxResponseBytes);
            var answer = new ConsulResponse(response.StatusCode, response.ReasonPhrase, ReadIndex(response), response.Content.Headers.ContentType?.MediaType, RetryAfter(response), body, response.Headers.Location);
            return await read(answer, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConsulException(
                headersRead
                    ? $"Consul at {options} stalled while sending its answer when {what} (no complete answer within {timeout.TotalSeconds:0.#} s)"
                    : $"Consul at {options} did not answer {method} {StripQuery(path)} within {timeout.TotalSeconds:0.#} s",
                inner: e);
        }
        catch (ResponseTooLargeException e)
        {
            throw new ConsulException(
                $"Consul at {options} sent an answer larger than {options.MaxResponseBytes:N0} bytes when {what}; rejected (raise ConsulClientOptions.MaxResponseBytes if this is expected)",
                inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new ConsulException(Describe(e, what), inner: e)
            {
                Unreachable = e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
            };
        }
        catch (IOException e)
        {
            // HttpIOException and socket errors while the body streams: the connection dropped mid-answer.
            throw new ConsulException($"Consul at {options} dropped the connection before its answer was complete when {what} ({e.Message})", inner: e);
        }
    }

    private Task SendExpectingSuccessAsync(HttpMethod method, string path, HttpContent? content, string what, CancellationToken cancellationToken) =>
        SendAsync(method, path, content, null, what, async (response, token) =>
        {
            await EnsureSuccessAsync(response, what, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Names what went wrong on the wire: unreachable, dropped mid-answer, or not HTTP at all.</summary>
    private string Describe(HttpRequestException e, string what)
    {
        var cause = e.GetBaseException();
        if (e.HttpRequestError == HttpRequestError.SecureConnectionError && options.Address.Scheme == Uri.UriSchemeHttps)
        {
            // The usual cause: https:// pointed at Consul's plain HTTP port (8500), which answers the handshake with
            // an HTTP error page the TLS layer cannot read.
            return $"Consul at {options} is unreachable over TLS: the TLS handshake failed ({cause.Message}); if this port serves plain HTTP (Consul's default 8500), use http:// or Consul's HTTPS port";
        }

        return e.HttpRequestError switch
        {
            HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError =>
                $"Consul at {options} is unreachable ({e.HttpRequestError}: {cause.Message})",
            HttpRequestError.InvalidResponse => $"Consul at {options} sent an answer that is not valid HTTP when {what} ({cause.Message})",
            HttpRequestError.ResponseEnded => $"Consul at {options} dropped the connection before its answer was complete when {what}",
            _ when cause is IOException or System.Net.Sockets.SocketException => $"Consul at {options} dropped the connection before its answer was complete when {what} ({cause.Message})",
            _ => $"Consul at {options}: the request failed when {what} ({cause.Message})",
        };
    }

    private async Task EnsureSuccessAsync(ConsulResponse response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccess)
        {
            return;
        }

        var code = (int)response.Status;
        if (code is >= 300 and < 400)
        {
            // Not followed (ConsulHttpHandler): the token must never leave the configured address. Only where it points
            // is named, scheme, host and path, without user info or query.
            var to = response.Location is { } location
                ? (location.IsAbsoluteUri ? location.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped) : location.OriginalString.Split('?')[0])
                : "nowhere (no Location)";
            throw new ConsulException(
                $"Consul at {options} answered {code} {response.Reason}, redirecting to {to}, when {what}; redirects are not followed, so the ACL token never leaves the configured address: configure the address Consul is at",
                code);
        }

        var said = await response.QuoteTextAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 } text ? $": \"{text}\"" : string.Empty;
        throw new ConsulException(
            response.Status == HttpStatusCode.Forbidden
                ? $"Consul at {options} denied {what} (403): the ACL token lacks the permission{said}"
                : $"Consul at {options} answered {code} {response.Reason} when {what}{said}",
            code,
            retryAfter: response.RetryAfter);
    }

    private async Task<T?> ReadJsonAsync<T>(ConsulResponse response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what, CancellationToken cancellationToken)
    {
        if (response.MediaType is { } media && !media.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            // A proxy's or load balancer's page: say what it was, never quote a body that may hold values.
            throw new ConsulException($"Consul at {options} answered {(int)response.Status} with {media}, not JSON, when {what} (a proxy in between?)", (int)response.Status);
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(response.Body, type, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new ConsulException($"Consul at {options} sent invalid JSON when {what} (line {e.LineNumber}, byte {e.BytePositionInLine})", (int)response.Status);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static string StripQuery(string path) => path.Split('?')[0];
}

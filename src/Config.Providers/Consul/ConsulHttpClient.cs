using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Config.Providers.Consul;

/// <summary>
/// A small client for the parts of Consul's HTTP API this library uses: KV listing with blocking queries, KV
/// writes (for tools and tests), passing service instances from the health API, and agent service registration.
/// One <see cref="HttpClient"/> per client (or one handed in, e.g. from <c>IHttpClientFactory</c>); the token
/// travels in the <c>X-Consul-Token</c> header only.
/// </summary>
internal sealed class ConsulHttpClient : IDisposable
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

    /// <summary>
    /// Lists every key under <paramref name="prefix"/> (always as a folder: a trailing <c>/</c> is added, so
    /// <c>config/app</c> never matches <c>config/app-old/</c>). With <paramref name="index"/> above 0 this is a
    /// blocking query that returns when something under the prefix changes or <paramref name="wait"/> passes.
    /// </summary>
    /// <param name="prefix">The folder, such as <c>config/orders</c>.</param>
    /// <param name="index">The index from the previous answer, or 0 for an immediate answer.</param>
    /// <param name="wait">The longest Consul should hold a blocking query (at most 10 minutes).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The keys (empty on 404) and the index to block on next.</returns>
    public Task<ConsulQueryResult<IReadOnlyList<ConsulKvEntry>>> ListAsync(string prefix, ulong index = 0, TimeSpan? wait = null, CancellationToken cancellationToken = default) =>
        GetEntriesAsync(prefix.Trim('/') + "/", recurse: true, index, wait, cancellationToken);

    /// <summary>
    /// A folder (ending in <c>/</c>) listed as by <see cref="ListAsync"/>, or else the one key named (no prefix match:
    /// <c>orders/Production</c> never returns <c>orders/ProductionOld</c>); blocking as <see cref="ListAsync"/>.
    /// </summary>
    /// <param name="folderOrKey">A folder ending in <c>/</c>, or a key.</param>
    /// <param name="index">The index from the previous answer, or 0 for an immediate answer.</param>
    /// <param name="wait">The longest Consul should hold a blocking query.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The keys (empty on 404) and the index to block on next.</returns>
    public Task<ConsulQueryResult<IReadOnlyList<ConsulKvEntry>>> ReadAsync(string folderOrKey, ulong index = 0, TimeSpan? wait = null, CancellationToken cancellationToken = default) =>
        folderOrKey.EndsWith('/')
            ? ListAsync(folderOrKey, index, wait, cancellationToken)
            : GetEntriesAsync(folderOrKey.TrimStart('/'), recurse: false, index, wait, cancellationToken);

    /// <summary>
    /// <see cref="ReadAsync"/> at once and in Consul's <c>consistent</c> mode, whatever the options say: the leader checks
    /// with a quorum that it still leads before answering, so an old leader's stale state cannot come back. The watch
    /// asks it to confirm an answer whose index went back (<see cref="ConsulWatchLoop{T}"/>).
    /// </summary>
    internal Task<ConsulQueryResult<IReadOnlyList<ConsulKvEntry>>> ReadConsistentAsync(string folderOrKey, CancellationToken cancellationToken) =>
        folderOrKey.EndsWith('/')
            ? GetEntriesAsync(folderOrKey.Trim('/') + "/", recurse: true, 0, null, cancellationToken, consistent: true)
            : GetEntriesAsync(folderOrKey.TrimStart('/'), recurse: false, 0, null, cancellationToken, consistent: true);

    private async Task<ConsulQueryResult<IReadOnlyList<ConsulKvEntry>>> GetEntriesAsync(string key, bool recurse, ulong index, TimeSpan? wait, CancellationToken cancellationToken, bool consistent = false)
    {
        var parameters = (recurse ? "&recurse" : string.Empty) + ReadParameters(index, wait, consistent);
        var path = parameters.Length == 0 ? $"v1/kv/{EscapePath(key)}" : $"v1/kv/{EscapePath(key)}?{parameters[1..]}";
        var what = recurse ? $"listing '{key}'" : $"reading '{key}'";
        return await SendAsync(HttpMethod.Get, path, null, index > 0 ? wait : null, what, async (response, token) =>
        {
            if (response.Status == HttpStatusCode.NotFound)
            {
                return new ConsulQueryResult<IReadOnlyList<ConsulKvEntry>>([], response.Index, Found: false);
            }

            await EnsureSuccessAsync(response, what, token).ConfigureAwait(false);
            var entries = await ReadJsonAsync(response, ConsulJsonContext.Default.ConsulKvEntryArray, what, token).ConfigureAwait(false);
            return new ConsulQueryResult<IReadOnlyList<ConsulKvEntry>>(entries ?? [], response.Index, Found: true);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A cheap check that Consul answers reads properly: the immediate keys of <paramref name="folder"/>, non-blocking,
    /// which must come back whole, as JSON and with an index (404 is a proper answer). Used by
    /// <see cref="ConsulRecoveryProbe"/> while watches fail.
    /// </summary>
    /// <param name="folder">A folder the token may read.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that fails with a <see cref="ConsulException"/> when the answer is not proper.</returns>
    internal async Task ProbeAsync(string folder, CancellationToken cancellationToken)
    {
        var prefix = folder.Trim('/') + "/";
        var what = $"probing '{prefix}'";
        await SendAsync(HttpMethod.Get, $"v1/kv/{EscapePath(prefix)}?keys&separator=%2F{ReadParameters(0, null)}", null, null, what, async (response, token) =>
        {
            if (response.Index == 0)
            {
                throw new ConsulException($"Consul at {options} answered {what} without an X-Consul-Index header");
            }

            if (response.Status != HttpStatusCode.NotFound)
            {
                await EnsureSuccessAsync(response, what, token).ConfigureAwait(false);
                await ReadJsonAsync(response, ConsulJsonContext.Default.StringArray, what, token).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="value"/> at <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The bytes.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task.</returns>
    public async Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        using var content = new ReadOnlyMemoryContent(value);
        var what = $"writing '{key}'";
        await SendExpectingSuccessAsync(HttpMethod.Put, $"v1/kv/{EscapePath(key)}{DatacenterParameter('?')}", content, what, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="value"/> as UTF-8 at <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The text.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task.</returns>
    public Task PutAsync(string key, string value, CancellationToken cancellationToken = default) => PutAsync(key, Encoding.UTF8.GetBytes(value), cancellationToken);

    /// <summary>
    /// Deletes <paramref name="key"/>, or with <paramref name="recurse"/> the folder <c>key/</c> and everything in it.
    /// The trailing <c>/</c> matters beyond scope: Consul 1.8 records a recursive delete's tombstone at the key given,
    /// so deleting <c>config/app</c> does not wake blocking queries on <c>config/app/</c>, while <c>config/app/</c> does.
    /// </summary>
    /// <param name="key">The key or prefix.</param>
    /// <param name="recurse">Whether to delete the whole prefix.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task.</returns>
    public async Task DeleteAsync(string key, bool recurse = false, CancellationToken cancellationToken = default)
    {
        var query = recurse ? "?recurse" + DatacenterParameter('&') : DatacenterParameter('?');
        var target = recurse ? key.TrimEnd('/') + "/" : key;
        var what = $"deleting '{key}'";
        await SendExpectingSuccessAsync(HttpMethod.Delete, $"v1/kv/{EscapePath(target)}{query}", null, what, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies <paramref name="operations"/> as one Consul transaction (<c>PUT /v1/txn</c>): all or none. A check that
    /// fails (a key changed since it was read) rolls it back and is returned, not thrown; anything else (too many
    /// operations, ACL, unreachable) throws.
    /// </summary>
    /// <param name="operations">At most <see cref="ConsulTxnOperation.MaxPerTransaction"/> operations.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Whether it was applied, and why not.</returns>
    public async Task<ConsulTxnResult> TransactAsync(IReadOnlyList<ConsulTxnOperation> operations, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(ConsulTxnJson.Write(operations));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var what = $"applying a transaction of {operations.Count} operation(s)";
        return await SendAsync(HttpMethod.Put, $"v1/txn{DatacenterParameter('?')}", content, null, what, async (response, token) =>
        {
            if (response.Status != HttpStatusCode.Conflict)
            {
                await EnsureSuccessAsync(response, what, token).ConfigureAwait(false);
            }

            // 200: applied; 409: rolled back, the body saying which operations failed and why. Either way the answer
            // must be Consul's JSON: a proxy's page is not a commit.
            if (response.MediaType is not { } media || !media.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                throw new ConsulException($"Consul at {options} answered {(int)response.Status} with {response.MediaType ?? "no content type"}, not JSON, when {what} (a proxy in between?); whether it was applied is unknown", (int)response.Status);
            }

            using var body = new MemoryStream();
            await response.Body.CopyToAsync(body, token).ConfigureAwait(false);
            try
            {
                var errors = ConsulTxnJson.ReadErrors(body.GetBuffer().AsSpan(0, (int)body.Length));
                return new ConsulTxnResult(response.Status != HttpStatusCode.Conflict, errors);
            }
            catch (JsonException)
            {
                throw new ConsulException($"Consul at {options} answered {(int)response.Status} with JSON that is not a transaction's answer when {what}; whether it was applied is unknown", (int)response.Status);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Passing instances of <paramref name="service"/>; blocking when <paramref name="index"/> is above 0.</summary>
    /// <param name="service">The service name.</param>
    /// <param name="index">The index from the previous answer, or 0.</param>
    /// <param name="wait">The longest Consul should hold a blocking query.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instances and the next index.</returns>
    public async Task<ConsulQueryResult<IReadOnlyList<ConsulServiceInstance>>> HealthyInstancesAsync(string service, ulong index = 0, TimeSpan? wait = null, CancellationToken cancellationToken = default)
    {
        var path = $"v1/health/service/{Uri.EscapeDataString(service)}?passing{ReadParameters(index, wait)}";
        var what = $"reading the health of '{service}'";
        var (entries, newIndex) = await SendAsync(HttpMethod.Get, path, null, index > 0 ? wait : null, what, async (response, token) =>
        {
            await EnsureSuccessAsync(response, what, token).ConfigureAwait(false);
            return (await ReadJsonAsync(response, ConsulJsonContext.Default.HealthDtoArray, what, token).ConfigureAwait(false) ?? [], response.Index);
        }, cancellationToken).ConfigureAwait(false);
        var instances = entries.Where(e => e.Service is not null).Select(e => new ConsulServiceInstance(
            e.Service!.Service,
            e.Service.ID,
            string.IsNullOrEmpty(e.Service.Address) ? e.Node?.Address ?? string.Empty : e.Service.Address,
            e.Service.Port,
            e.Service.Tags ?? [],
            e.Service.Meta ?? new Dictionary<string, string>())).ToArray();
        return new(instances, newIndex, Found: true);
    }

    /// <summary>Registers a service instance (and its HTTP check) with the local agent.</summary>
    /// <param name="registration">The instance.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task.</returns>
    public async Task RegisterServiceAsync(ConsulServiceRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        using var content = new ByteArrayContent(ConsulRegistrationJson.Write(registration));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var what = $"registering '{registration.Id}'";
        await SendExpectingSuccessAsync(HttpMethod.Put, "v1/agent/service/register", content, what, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the local agent has the service instance <paramref name="id"/> (an agent restarted without its data has not).</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when registered.</returns>
    internal async Task<bool> HasServiceAsync(string id, CancellationToken cancellationToken = default)
    {
        var what = $"looking up '{id}'";
        return await SendAsync(HttpMethod.Get, $"v1/agent/service/{Uri.EscapeDataString(id)}", null, null, what, async (response, token) =>
        {
            if (response.Status == HttpStatusCode.NotFound)
            {
                return false;
            }

            await EnsureSuccessAsync(response, what, token).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the TTL check <paramref name="checkId"/> as passing.</summary>
    /// <param name="checkId">The check id (<c>service:{id}</c> for a service's own check).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task.</returns>
    internal async Task PassTtlAsync(string checkId, CancellationToken cancellationToken = default)
    {
        var what = $"passing the check '{checkId}'";
        await SendExpectingSuccessAsync(HttpMethod.Put, $"v1/agent/check/pass/{Uri.EscapeDataString(checkId)}", null, what, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deregisters a service instance from the local agent.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task.</returns>
    public async Task DeregisterServiceAsync(string id, CancellationToken cancellationToken = default)
    {
        var what = $"deregistering '{id}'";
        await SendExpectingSuccessAsync(HttpMethod.Put, $"v1/agent/service/deregister/{Uri.EscapeDataString(id)}", null, what, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The address of the cluster leader, or an empty string while there is none.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The leader's address.</returns>
    public async Task<string> LeaderAsync(CancellationToken cancellationToken = default)
    {
        const string what = "reading the leader";
        return await SendAsync(HttpMethod.Get, "v1/status/leader", null, null, what, async (response, token) =>
        {
            await EnsureSuccessAsync(response, what, token).ConfigureAwait(false);
            return await ReadJsonAsync(response, ConsulJsonContext.Default.String, what, token).ConfigureAwait(false) ?? string.Empty;
        }, cancellationToken).ConfigureAwait(false);
    }

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

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
public sealed class ConsulHttpClient : IDisposable
{
    private static readonly TimeSpan PlainRequestTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly ConsulClientOptions options;

    /// <summary>Creates a client for <paramref name="options"/>.</summary>
    /// <param name="options">Address, token, TLS.</param>
    /// <param name="httpClient">An HttpClient to use (its base address and timeout are ignored); one is created when null.</param>
    public ConsulHttpClient(ConsulClientOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
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
    public async Task<ConsulQueryResult<IReadOnlyList<ConsulKvEntry>>> ListAsync(string prefix, ulong index = 0, TimeSpan? wait = null, CancellationToken cancellationToken = default)
    {
        var folder = prefix.Trim('/') + "/";
        var path = $"v1/kv/{EscapePath(folder)}?recurse{ReadParameters(index, wait)}";
        using var response = await SendAsync(HttpMethod.Get, path, null, index > 0 ? wait : null, cancellationToken).ConfigureAwait(false);
        var newIndex = ReadIndex(response);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new([], newIndex, Found: false);
        }

        EnsureSuccess(response, $"listing '{folder}'");
        var entries = await ReadJsonAsync(response, ConsulJsonContext.Default.ConsulKvEntryArray, $"listing '{folder}'", cancellationToken).ConfigureAwait(false);
        return new(entries ?? [], newIndex, Found: true);
    }

    /// <summary>Writes <paramref name="value"/> at <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The bytes.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task.</returns>
    public async Task PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        using var content = new ReadOnlyMemoryContent(value);
        using var response = await SendAsync(HttpMethod.Put, $"v1/kv/{EscapePath(key)}{DatacenterParameter('?')}", content, null, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, $"writing '{key}'");
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
        using var response = await SendAsync(HttpMethod.Delete, $"v1/kv/{EscapePath(target)}{query}", null, null, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, $"deleting '{key}'");
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
        using var response = await SendAsync(HttpMethod.Get, path, null, index > 0 ? wait : null, cancellationToken).ConfigureAwait(false);
        var newIndex = ReadIndex(response);
        EnsureSuccess(response, $"reading the health of '{service}'");
        var entries = await ReadJsonAsync(response, ConsulJsonContext.Default.HealthDtoArray, $"reading the health of '{service}'", cancellationToken).ConfigureAwait(false) ?? [];
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
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("ID", registration.Id);
            json.WriteString("Name", registration.Name);
            json.WriteString("Address", registration.Address);
            json.WriteNumber("Port", registration.Port);
            json.WriteStartArray("Tags");
            foreach (var tag in registration.Tags ?? [])
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            if (registration.HealthCheckUrl is { } check)
            {
                json.WriteStartObject("Check");
                json.WriteString("HTTP", check.ToString());
                json.WriteString("Interval", Duration(registration.CheckInterval ?? TimeSpan.FromSeconds(10)));
                json.WriteString("DeregisterCriticalServiceAfter", "10m");
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await SendAsync(HttpMethod.Put, "v1/agent/service/register", content, null, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, $"registering '{registration.Id}'");
    }

    /// <summary>Deregisters a service instance from the local agent.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task.</returns>
    public async Task DeregisterServiceAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Put, $"v1/agent/service/deregister/{Uri.EscapeDataString(id)}", null, null, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, $"deregistering '{id}'");
    }

    /// <summary>The address of the cluster leader, or an empty string while there is none.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The leader's address.</returns>
    public async Task<string> LeaderAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "v1/status/leader", null, null, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, "reading the leader");
        return await ReadJsonAsync(response, ConsulJsonContext.Default.String, "reading the leader", cancellationToken).ConfigureAwait(false) ?? string.Empty;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }

    /// <summary>Consul's duration syntax in milliseconds, as the Go client sends it (never 0, which would mean the default).</summary>
    internal static string Duration(TimeSpan value) => Math.Max(1, (long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    private static string EscapePath(string key) => string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    private static ulong ReadIndex(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Consul-Index", out var values) && ulong.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : 0;

    private string ReadParameters(ulong index, TimeSpan? wait)
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

        query.Append(options.Consistency switch { ConsulConsistency.Stale => "&stale", ConsulConsistency.Consistent => "&consistent", _ => string.Empty });
        query.Append(DatacenterParameter('&'));
        return query.ToString();
    }

    private string DatacenterParameter(char separator) =>
        string.IsNullOrEmpty(options.Datacenter) ? string.Empty : $"{separator}dc={Uri.EscapeDataString(options.Datacenter)}";

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, TimeSpan? wait, CancellationToken cancellationToken)
    {
        // A base without a trailing '/' would lose its last segment (a reverse-proxy prefix such as /consul).
        var root = options.Address.AbsoluteUri.EndsWith('/') ? options.Address : new Uri(options.Address.AbsoluteUri + "/");
        using var request = new HttpRequestMessage(method, new Uri(root, path)) { Content = content };
        if (!string.IsNullOrEmpty(options.Token))
        {
            request.Headers.Add("X-Consul-Token", options.Token);
        }

        // Consul adds up to wait/16 of jitter to a blocking query: the timeout must outlast that.
        var timeout = wait is { } w ? w + (w / 16) + TimeSpan.FromSeconds(10) : PlainRequestTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConsulException($"Consul at {options} did not answer {method} {StripQuery(path)} within {timeout.TotalSeconds:0} s", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new ConsulException($"Consul at {options} is unreachable ({e.HttpRequestError}: {e.Message})", inner: e);
        }
    }

    private void EnsureSuccess(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var code = (int)response.StatusCode;
        throw new ConsulException(response.StatusCode == HttpStatusCode.Forbidden
            ? $"Consul at {options} denied {what} (403): the ACL token lacks the permission"
            : $"Consul at {options} answered {code} {response.ReasonPhrase} when {what}", code);
    }

    private async Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new ConsulException($"Consul at {options} sent an invalid answer when {what} (line {e.LineNumber}, byte {e.BytePositionInLine})", (int)response.StatusCode);
        }
    }

    private static string StripQuery(string path) => path.Split('?')[0];
}

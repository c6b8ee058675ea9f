using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Config.Providers.Consul;

/// <summary>The KV store: listing and reading (blocking or not), probing, writing, deleting, transactions.</summary>
internal sealed partial class ConsulHttpClient
{
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
}

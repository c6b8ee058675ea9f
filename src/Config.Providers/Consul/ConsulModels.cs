using System.Text.Json.Serialization;

namespace Config.Providers.Consul;

/// <summary>One key of a KV listing.</summary>
/// <param name="Key">The full key.</param>
/// <param name="Value">The raw bytes, or null for a key with no value.</param>
/// <param name="ModifyIndex">The Raft index of its last change.</param>
internal sealed record ConsulKvEntry(string Key, byte[]? Value, ulong ModifyIndex);

/// <summary>Reads Consul's KV JSON straight into <see cref="ConsulKvEntry"/> (its field names match).</summary>
internal sealed class ConsulKvEntryConverter : System.Text.Json.Serialization.JsonConverter<ConsulKvEntry>
{
    public override ConsulKvEntry Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
    {
        string? key = null;
        byte[]? value = null;
        ulong modifyIndex = 0;
        if (reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
        {
            throw new System.Text.Json.JsonException("expected a KV entry object");
        }

        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Key"u8))
            {
                reader.Read();
                key = reader.GetString();
            }
            else if (reader.ValueTextEquals("Value"u8))
            {
                reader.Read();
                value = reader.TokenType == System.Text.Json.JsonTokenType.Null ? null : reader.GetBytesFromBase64();
            }
            else if (reader.ValueTextEquals("ModifyIndex"u8))
            {
                reader.Read();
                modifyIndex = reader.GetUInt64();
            }
            else
            {
                // The serializer has buffered the whole entry (read-ahead), but only TrySkip may be used on a partial payload.
                reader.Read();
                reader.TrySkip();
            }
        }

        return new ConsulKvEntry(key ?? throw new System.Text.Json.JsonException("a KV entry without a Key"), value, modifyIndex);
    }

    public override void Write(System.Text.Json.Utf8JsonWriter writer, ConsulKvEntry value, System.Text.Json.JsonSerializerOptions options) =>
        throw new NotSupportedException();
}

/// <summary>A (possibly blocking) query's answer.</summary>
/// <typeparam name="T">The payload.</typeparam>
/// <param name="Value">The payload (empty when <paramref name="Found"/> is false).</param>
/// <param name="Index">The <c>X-Consul-Index</c> to block on next (never 0).</param>
/// <param name="Found">False when Consul answered 404: nothing there, which is not an error.</param>
internal sealed record ConsulQueryResult<T>(T Value, ulong Index, bool Found);

/// <summary>A passing instance of a service, from the health API.</summary>
/// <param name="Service">The service name.</param>
/// <param name="Id">The instance id.</param>
/// <param name="Address">The service address (or the node's when the service has none).</param>
/// <param name="Port">The port.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Meta">Its metadata.</param>
internal sealed record ConsulServiceInstance(string Service, string Id, string Address, int Port, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, string> Meta);

/// <summary>A service to register with the local agent (see docs/service-discovery.md, "Registering this service").</summary>
/// <param name="Name">The service name.</param>
/// <param name="Id">The instance id.</param>
/// <param name="Address">The address others should use; empty: the host's listening address (<c>urls</c>, <c>http_ports</c>).</param>
/// <param name="Port">The port; 0: the host's listening port.</param>
/// <param name="HealthCheckUrl">An HTTP health endpoint Consul polls, if any.</param>
/// <param name="CheckInterval">How often Consul polls it. Default: 10 s.</param>
/// <param name="Tags">Tags.</param>
public sealed record ConsulServiceRegistration(string Name, string Id, string Address, int Port, Uri? HealthCheckUrl = null, TimeSpan? CheckInterval = null, IReadOnlyList<string>? Tags = null)
{
    /// <summary>
    /// Metadata, such as <c>endpoint</c> (the endpoint name other services see), <c>scheme</c> and <c>version</c>. When
    /// registered by <c>AddServiceDiscovery()</c>, <c>scheme</c> (from the listening address) and <c>version</c> (the entry
    /// assembly's informational version) are added unless given.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    /// <summary>How long Consul waits for the HTTP check to answer. Default: Consul's (10 s).</summary>
    public TimeSpan? CheckTimeout { get; init; }

    /// <summary>
    /// A TTL check instead of an HTTP one: the service itself tells Consul it is alive at least every half of this.
    /// Ignored when <see cref="HealthCheckUrl"/> is set.
    /// </summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>After how long critical Consul removes the instance. Default: 10 minutes.</summary>
    public TimeSpan? DeregisterCriticalServiceAfter { get; init; }

    /// <summary>How often the agent is asked whether it still has this instance (it forgets it when restarted). Default: 5 s.</summary>
    public TimeSpan? PresenceCheckInterval { get; init; }

    /// <summary>
    /// When set, the application is stopped (so an orchestrator restarts it) if it has not managed to register for this
    /// long; when null (default) registration keeps retrying with backoff and never stops the application.
    /// </summary>
    public TimeSpan? StopApplicationAfter { get; init; }
}

internal sealed class HealthDto
{
    public HealthNodeDto? Node { get; set; }

    public HealthServiceDto? Service { get; set; }
}

internal sealed class HealthNodeDto
{
    public string Address { get; set; } = string.Empty;
}

internal sealed class HealthServiceDto
{
    public string ID { get; set; } = string.Empty;

    public string Service { get; set; } = string.Empty;

    public string Address { get; set; } = string.Empty;

    public int Port { get; set; }

    public List<string>? Tags { get; set; }

    public Dictionary<string, string>? Meta { get; set; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, Converters = [typeof(ConsulKvEntryConverter)])]
[JsonSerializable(typeof(ConsulKvEntry[]))]
[JsonSerializable(typeof(HealthDto[]))]
[JsonSerializable(typeof(string))]
internal sealed partial class ConsulJsonContext : JsonSerializerContext;

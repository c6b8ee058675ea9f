namespace Config.Providers.Consul;

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

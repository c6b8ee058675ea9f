using System.Text.Json;

namespace Config.Providers.Consul;

/// <summary>The JSON of <c>/v1/txn</c>, written and read without reflection (trimming and Native AOT).</summary>
internal static class ConsulTxnJson
{
    /// <summary><c>[{"KV": {"Verb": "cas", "Key": "…", "Value": "base64", "Index": 12}}, …]</c>.</summary>
    public static byte[] Write(IReadOnlyList<ConsulTxnOperation> operations)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var operation in operations)
            {
                json.WriteStartObject();
                json.WriteStartObject("KV");
                json.WriteString("Verb", operation.Verb);
                json.WriteString("Key", operation.Key);
                if (operation.Value is { } value)
                {
                    json.WriteBase64String("Value", value);
                }

                json.WriteNumber("Index", operation.Index);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>The <c>Errors</c> of an answer (<c>[{"OpIndex": 0, "What": "…"}]</c>); empty when there are none.</summary>
    /// <exception cref="JsonException">The answer is not the JSON Consul sends.</exception>
    public static IReadOnlyList<(int OpIndex, string What)> ReadErrors(ReadOnlySpan<byte> answer)
    {
        var reader = new Utf8JsonReader(answer);
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("Errors", out var errors)
            || errors.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. errors.EnumerateArray().Select(e => (
            e.TryGetProperty("OpIndex", out var index) && index.TryGetInt32(out var i) ? i : -1,
            e.TryGetProperty("What", out var what) ? what.GetString() ?? string.Empty : string.Empty))];
    }
}

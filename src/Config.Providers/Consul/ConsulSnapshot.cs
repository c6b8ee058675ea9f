using System.Text.Json;
using Config.Providers.Core;

namespace Config.Providers.Consul;

/// <summary>
/// The last-known-good copy of what was read from Consul, so a service can start while Consul is down. Written
/// atomically (temporary file, then rename) with mode 0600: it holds secrets.
/// </summary>
internal static class ConsulSnapshot
{
    public static void Write(string path, IReadOnlyDictionary<string, IReadOnlyList<ConsulKvEntry>> folders) =>
        PrivateFile.WriteAtomically(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream);
            json.WriteStartObject();
            foreach (var (folder, entries) in folders)
            {
                json.WriteStartArray(folder);
                foreach (var entry in entries)
                {
                    json.WriteStartObject();
                    json.WriteString("Key", entry.Key);
                    if (entry.Value is null)
                    {
                        json.WriteNull("Value");
                    }
                    else
                    {
                        json.WriteBase64String("Value", entry.Value);
                    }

                    json.WriteNumber("ModifyIndex", entry.ModifyIndex);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        });

    public static Dictionary<string, IReadOnlyList<ConsulKvEntry>>? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var folders = new Dictionary<string, IReadOnlyList<ConsulKvEntry>>(StringComparer.Ordinal);
        foreach (var folder in document.RootElement.EnumerateObject())
        {
            folders[folder.Name] = folder.Value.EnumerateArray().Select(e => new ConsulKvEntry(
                e.GetProperty("Key").GetString()!,
                e.GetProperty("Value").ValueKind == JsonValueKind.Null ? null : e.GetProperty("Value").GetBytesFromBase64(),
                e.GetProperty("ModifyIndex").GetUInt64())).ToArray();
        }

        return folders;
    }
}

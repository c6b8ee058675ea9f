using System.Text;
using Config.Providers.Core;
using Config.Providers.Formats.Yaml;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Consul;

/// <summary>
/// Turns the keys of one Consul folder into configuration keys: <c>/</c> becomes <c>:</c>; values are UTF-8 (invalid
/// bytes are an error naming the key); keys ending in <c>.json</c>, <c>.yaml</c> or <c>.yml</c> hold documents,
/// expanded at the key's path without the extension (an empty name, <c>.yaml</c>, expands at the folder). A read that
/// does not end in <c>/</c> is a document key (<see cref="ConsulKvConfigurationSource.DocumentKeys"/>): only that key is
/// mapped, as a document expanded at the top. Pure.
/// </summary>
internal static class ConsulKvMapper
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Maps every entry; a value that is not UTF-8 or a malformed document throws.</summary>
    /// <exception cref="ConsulValueException">A value is not UTF-8, or a document is malformed.</exception>
    public static void Map(string folder, IReadOnlyList<ConsulKvEntry> entries, IDictionary<string, string?> data, KeyOrigins origins) =>
        Map(folder, entries, data, origins, static (_, e) => throw e);

    /// <summary>
    /// Maps every entry; an invalid one is handed to <paramref name="invalid"/>, which returns what to map in its
    /// place (the key's last good entry) or null to leave the key out. The other keys are mapped regardless.
    /// </summary>
    public static void Map(string folder, IReadOnlyList<ConsulKvEntry> entries, IDictionary<string, string?> data, KeyOrigins origins, Func<ConsulKvEntry, ConsulValueException, ConsulKvEntry?> invalid)
    {
        foreach (var entry in entries)
        {
            try
            {
                MapEntry(folder, entry, data, origins);
            }
            catch (ConsulValueException e)
            {
                if (invalid(entry, e) is { } replacement)
                {
                    MapEntry(folder, replacement, data, origins);
                }
            }
        }
    }

    private static void MapEntry(string folder, ConsulKvEntry entry, IDictionary<string, string?> data, KeyOrigins origins)
    {
        var documentKey = !folder.EndsWith('/');
        if (documentKey ? entry.Key != folder : entry.Key.EndsWith('/') || !entry.Key.StartsWith(folder, StringComparison.Ordinal))
        {
            return;
        }

        var relative = entry.Key.AsSpan(documentKey ? entry.Key.Length : folder.Length);
        string? text;
        try
        {
            text = entry.Value is null ? null : StrictUtf8.GetString(entry.Value);
        }
        catch (DecoderFallbackException)
        {
            throw new ConsulValueException(entry.Key, "the value is not valid UTF-8");
        }

        var origin = new KeyOrigin(entry.Key, 0) { Kind = "consul", Index = entry.ModifyIndex };
        var extension = DocumentExtension(relative);
        if (documentKey || extension > 0)
        {
            MapDocument(ToConfigurationKey(relative[..^extension]).TrimEnd(':'), entry, text, origin, data, origins);
            return;
        }

        var configurationKey = ToConfigurationKey(relative);
        data[configurationKey] = text;
        origins.Add(configurationKey, origin);
    }

    private static void MapDocument(string at, ConsulKvEntry entry, string? text, KeyOrigin origin, IDictionary<string, string?> data, KeyOrigins origins)
    {
        ParsedFile document;
        try
        {
            document = YamlConfigurationParser.ParseDocument(text ?? string.Empty, entry.Key);
        }
        catch (ConfigurationFormatException e)
        {
            throw new ConsulValueException(entry.Key, e.Message);
        }

        foreach (var (key, value) in document.Data)
        {
            var full = ConfigurationKeys.Join(at, key);
            data[full] = value;
            origins.Add(full, document.Origins.TryGet(key, out var position) ? position with { Source = entry.Key, Kind = "consul" } : origin);
        }
    }

    /// <summary>The length of a document extension (<c>.json</c>, <c>.yaml</c>, <c>.yml</c>) at the end of the key, or 0.</summary>
    private static int DocumentExtension(ReadOnlySpan<char> key) =>
        key.EndsWith(".json", StringComparison.Ordinal) || key.EndsWith(".yaml", StringComparison.Ordinal) ? 5
        : key.EndsWith(".yml", StringComparison.Ordinal) ? 4
        : 0;

    /// <summary><c>a/b/c</c> → <c>a:b:c</c> in one allocation.</summary>
    private static string ToConfigurationKey(ReadOnlySpan<char> relative)
    {
        var key = new string(relative);
        return key.Contains('/') ? key.Replace('/', ':') : key;
    }
}

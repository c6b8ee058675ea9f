using Config.Providers.Core;
using Config.Providers.Files;
using Config.Providers.Formats.Yaml;

namespace Config.Providers.VersionedFiles;

/// <summary>
/// Reads one versioned document: its keys mounted under the prefix, its version kept under the version key itself
/// (so the watched-file rules compare it; the folder provider does not expose it). A document without a version is
/// an error: at startup it stops the host, on a reload the file keeps its last good data.
/// </summary>
internal sealed class VersionedFileProvider(VersionedFileSource source, string fullPath) : WatchedFileProvider(source, fullPath)
{
    internal override string SourceKind => "versioned_file";

    /// <summary>The data as loaded now, version key included.</summary>
    public IDictionary<string, string?> Snapshot => Data;

    private protected override ParsedFile Parse(string text)
    {
        var document = YamlConfigurationParser.ParseDocument(text, source.Path);
        var versionKey = source.VersionKey!;
        if (!document.Data.TryGetValue(versionKey, out var version) || string.IsNullOrWhiteSpace(version))
        {
            throw new ConfigurationFormatException(source.Path, 1, 1, $"the document has no '{versionKey}': every versioned document carries its version");
        }

        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { [versionKey] = version.Trim() };
        var origins = new KeyOrigins();
        foreach (var (key, value) in document.Data)
        {
            if (key.Equals(versionKey, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var mounted = ConfigurationKeys.Join(source.Prefix, key);
            data[mounted] = value;
            if (document.Origins.TryGet(key, out var origin))
            {
                origins.Add(mounted, origin);
            }
        }

        return new ParsedFile(data, origins, document.Warnings);
    }
}

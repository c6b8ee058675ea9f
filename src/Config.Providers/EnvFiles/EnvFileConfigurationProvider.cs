using Config.Providers.Core;
using Config.Providers.Files;
using Config.Providers.Formats.EnvFiles;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.EnvFiles;

/// <summary>Reads an env file into configuration; each key's origin is <c>env file PATH:LINE</c>.</summary>
internal sealed class EnvFileConfigurationProvider : WatchedFileProvider
{
    internal override string SourceKind => "env_file";

    private readonly EnvFileConfigurationSource source;
    private readonly EnvFileParseOptions options;

    /// <summary>Creates the provider.</summary>
    /// <param name="source">The source settings.</param>
    /// <param name="fullPath">The resolved file path.</param>
    public EnvFileConfigurationProvider(EnvFileConfigurationSource source, string fullPath)
        : base(source, fullPath)
    {
        this.source = source;
        options = new EnvFileParseOptions
        {
            Systemd = source.Dialect == EnvFileDialect.Systemd,
            Interpolation = source.Interpolation,
            Environment = source.Environment ?? System.Environment.GetEnvironmentVariable,
        };
    }

    /// <inheritdoc />
    private protected override ParsedFile Parse(string text)
    {
        var result = EnvFileParser.Parse(text, this.source.Path, options);
        var data = new Dictionary<string, string?>(result.Entries.Count, StringComparer.OrdinalIgnoreCase);
        var origins = new KeyOrigins();
        var source = "env file " + this.source.Path;
        var prefix = this.source.Prefix;
        foreach (var entry in result.Entries)
        {
            var name = entry.Key;
            if (!string.IsNullOrEmpty(prefix))
            {
                if (!name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                name = name[prefix.Length..];
            }

            var key = name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
            data[key] = entry.Value;
            origins.Add(key, new KeyOrigin(source, entry.Line));
        }

        return new ParsedFile(data, origins, result.Warnings);
    }
}

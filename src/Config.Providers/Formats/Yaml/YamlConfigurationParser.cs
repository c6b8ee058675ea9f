using Config.Providers.Core;
using Config.Providers.Files;
using YamlDotNet.Core;

namespace Config.Providers.Formats.Yaml;

/// <summary>
/// Turns a YAML document into configuration keys (see docs/providers/yaml.md): mappings join with <c>:</c>,
/// sequences index from 0, nulls are null, empty <c>[]</c>/<c>{}</c> are present but empty, merge keys merge,
/// aliases expand (within <see cref="YamlReadOptions.MaxExpandedNodes"/>). Pure: no I/O. Every problem is a
/// <see cref="ConfigurationFormatException"/> with line and column; none quotes a value.
/// </summary>
internal static class YamlConfigurationParser
{
    /// <summary>Parses <paramref name="text"/>, the content of <paramref name="path"/>.</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="path">The file name used in messages and origins.</param>
    /// <param name="options">Limits; defaults when null.</param>
    /// <returns>Keys, values and origins.</returns>
    public static ParsedFile Parse(string text, string path, YamlReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= YamlReadOptions.File;
        // Roughly one key per line: sizing once saves a dozen rehashes as a large file's keys arrive.
        var data = new Dictionary<string, string?>(text.AsSpan().Count('\n') + 1, StringComparer.OrdinalIgnoreCase);
        var origins = new KeyOrigins();
        var reader = new YamlDocumentReader(text, path, options, new YamlKeySink(path, options, data, origins));
        try
        {
            reader.ReadDocument();
        }
        catch (YamlException e)
        {
            throw new ConfigurationFormatException(path, (int)Math.Max(1, e.Start.Line), (int)Math.Max(1, e.Start.Column), "invalid YAML: " + Describe(e));
        }
        catch (Exception e) when (e is not ConfigurationFormatException and (InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException))
        {
            // YamlDotNet's scanner has inputs on which it fails with these instead of a YamlException (found by
            // fuzzing); the error is still the file's, so report it as one, after the last position read well.
            var at = reader.LastPosition;
            throw new ConfigurationFormatException(path, (int)Math.Max(1, at.Line), (int)Math.Max(1, at.Column), "invalid YAML: the YAML reader could not continue after this point");
        }

        if (options.ProjectServiceConfig)
        {
            ServiceConfigEndpoints.Project(path, data, origins);
        }

        return new ParsedFile(data, origins, []);
    }

    /// <summary>Parses a YAML (or JSON) document another provider holds (a Consul key, a versioned file): no projection.</summary>
    /// <param name="text">The document.</param>
    /// <param name="source">Its name in messages and origins.</param>
    /// <returns>Keys, values and origins.</returns>
    public static ParsedFile ParseDocument(string text, string source) => Parse(text, source, YamlReadOptions.Document);

    /// <summary>YamlDotNet's message, which describes structure and does not quote content.</summary>
    private static string Describe(YamlException e)
    {
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return (cut > 0 && message.StartsWith('(') ? message[(cut + 3)..] : message).TrimEnd('.');
    }
}

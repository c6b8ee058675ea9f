using System.Globalization;
using Config.Providers.Files;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;

namespace Config.Providers.Yaml;

/// <summary>
/// Turns a YAML document into configuration keys (see docs/providers/yaml.md): mappings join with <c>:</c>,
/// sequences index from 0, nulls are null, empty <c>[]</c>/<c>{}</c> are present but empty, merge keys merge,
/// aliases expand (within <see cref="YamlParseOptions.MaxExpandedNodes"/>). Pure: no I/O. Every problem is a
/// <see cref="ConfigurationFormatException"/> with line and column; none quotes a value.
/// </summary>
public static class YamlConfigurationParser
{
    /// <summary>Parses <paramref name="text"/>, the content of <paramref name="path"/>.</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="path">The file name used in messages and origins.</param>
    /// <param name="options">Limits; defaults when null.</param>
    /// <returns>Keys, values and origins.</returns>
    public static ParsedFile Parse(string text, string path, YamlParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new YamlParseOptions();
        YamlNode? root;
        var reader = new YamlDocumentReader(text, path, options);
        try
        {
            root = reader.Read();
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

        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var origins = new Dictionary<string, KeyOrigin>(StringComparer.OrdinalIgnoreCase);
        if (root is null || root is YamlScalarNode { Value: null })
        {
            return new ParsedFile(data, origins, []);
        }

        if (root is not YamlMappingNode mapping)
        {
            throw new ConfigurationFormatException(path, (int)root.Start.Line, (int)root.Start.Column, "the top of a configuration file must be a mapping (key: value)");
        }

        new Flattener(path, options, data, origins).Flatten(mapping, prefix: string.Empty);
        if (options.ProjectServiceConfig)
        {
            ServiceConfigEndpoints.Project(mapping, path, data, origins);
        }

        return new ParsedFile(data, origins, []);
    }

    /// <summary>YamlDotNet's message, which describes structure and does not quote content.</summary>
    private static string Describe(YamlException e)
    {
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return (cut > 0 && message.StartsWith('(') ? message[(cut + 3)..] : message).TrimEnd('.');
    }

    private sealed class Flattener(string path, YamlParseOptions options, Dictionary<string, string?> data, Dictionary<string, KeyOrigin> origins)
    {
        private readonly string source = "yaml " + path;
        private int visited;

        public void Flatten(YamlNode node, string prefix)
        {
            if (++visited > options.MaxExpandedNodes)
            {
                throw new ConfigurationFormatException(path, (int)node.Start.Line, (int)node.Start.Column,
                    $"the document expands to more than {options.MaxExpandedNodes} nodes (YamlParseOptions.MaxExpandedNodes); aliases that multiply (\"billion laughs\") are refused");
            }

            switch (node)
            {
                case YamlScalarNode scalar:
                    Set(prefix, scalar.Value, scalar.Start);
                    break;

                case YamlSequenceNode sequence:
                    if (sequence.Items.Count == 0)
                    {
                        Set(prefix, string.Empty, sequence.Start);
                    }

                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        Flatten(sequence.Items[i], Join(prefix, i.ToString(CultureInfo.InvariantCulture)));
                    }

                    break;

                case YamlMappingNode mapping:
                    var entries = Effective(mapping);
                    if (entries.Count == 0 && prefix.Length > 0)
                    {
                        Set(prefix, string.Empty, mapping.Start);
                    }

                    foreach (var (key, value) in entries)
                    {
                        Flatten(value, Join(prefix, key));
                    }

                    break;
            }
        }

        /// <summary>The mapping's entries with merge keys applied: explicit keys win, then earlier merges.</summary>
        private List<(string Key, YamlNode Value)> Effective(YamlMappingNode mapping)
        {
            var result = mapping.Entries.Select(e => (e.Key.Value!, e.Value)).ToList();
            if (mapping.Merges.Count == 0)
            {
                return result;
            }

            var present = new HashSet<string>(result.Select(e => e.Item1), StringComparer.OrdinalIgnoreCase);
            foreach (var (at, merge) in mapping.Merges)
            {
                var sources = merge switch
                {
                    YamlMappingNode single => [single],
                    YamlSequenceNode many when many.Items.All(i => i is YamlMappingNode) => many.Items.Cast<YamlMappingNode>().ToList(),
                    _ => throw new ConfigurationFormatException(path, (int)at.Line, (int)at.Column, "a merge key '<<' takes a mapping or a list of mappings"),
                };
                foreach (var source in sources)
                {
                    if (++visited > options.MaxExpandedNodes)
                    {
                        throw new ConfigurationFormatException(path, (int)source.Start.Line, (int)source.Start.Column,
                            $"the document expands to more than {options.MaxExpandedNodes} nodes (YamlParseOptions.MaxExpandedNodes)");
                    }

                    foreach (var (key, value) in Effective(source))
                    {
                        if (present.Add(key))
                        {
                            result.Add((key, value));
                        }
                    }
                }
            }

            return result;
        }

        private void Set(string key, string? value, Mark at)
        {
            data[key] = value;
            origins[key] = new KeyOrigin(source, (int)at.Line, (int)at.Column);
        }

        private static string Join(string prefix, string key) => prefix.Length == 0 ? key : prefix + ConfigurationPath.KeyDelimiter + key;
    }
}

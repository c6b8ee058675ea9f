using Config.Providers.Core;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;

namespace Config.Providers.Yaml;

/// <summary>
/// Receives the document as configuration keys: values streamed by <see cref="YamlDocumentReader"/>, and subtrees
/// (anchored nodes, aliases, merge sources) flattened here. Counts every node, aliases expanded, against
/// <see cref="YamlParseOptions.MaxExpandedNodes"/>.
/// </summary>
internal sealed class YamlKeySink(string path, YamlParseOptions options, Dictionary<string, string?> data, KeyOrigins origins)
{
    private readonly string source = "yaml " + path;
    private int visited;

    public static string Join(string prefix, string key) => ConfigurationKeys.Join(prefix, key);

    public void Visit(Mark at)
    {
        if (++visited > options.MaxExpandedNodes)
        {
            throw new ConfigurationFormatException(path, (int)at.Line, (int)at.Column,
                $"the document expands to more than {options.MaxExpandedNodes} nodes (YamlParseOptions.MaxExpandedNodes); aliases that multiply (\"billion laughs\") are refused");
        }
    }

    public void Set(string key, string? value, Mark at)
    {
        data[key] = value;
        origins.Add(key, new KeyOrigin(source, (int)at.Line, (int)at.Column));
    }

    public void Flatten(YamlNode node, string prefix)
    {
        Visit(node.Start);
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
                    Flatten(sequence.Items[i], Join(prefix, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                break;

            case YamlMappingNode mapping:
                var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var (key, value) in mapping.Entries)
                {
                    present.Add(key.Value!);
                    Flatten(value, Join(prefix, key.Value!));
                }

                Merge(prefix, present, mapping.Merges);
                if (present.Count == 0 && prefix.Length > 0)
                {
                    Set(prefix, string.Empty, mapping.Start);
                }

                break;
        }
    }

    /// <summary>Adds the keys of merge sources that the mapping does not set itself; earlier sources win.</summary>
    public void Merge(string prefix, HashSet<string> present, List<(Mark At, YamlNode Value)> merges)
    {
        foreach (var (at, merge) in merges)
        {
            foreach (var source in MergeSources(at, merge))
            {
                Visit(source.Start);
                foreach (var (key, value) in Effective(source))
                {
                    if (present.Add(key))
                    {
                        Flatten(value, Join(prefix, key));
                    }
                }
            }
        }
    }

    private List<YamlMappingNode> MergeSources(Mark at, YamlNode merge) => merge switch
    {
        YamlMappingNode single => [single],
        YamlSequenceNode many when many.Items.All(i => i is YamlMappingNode) => many.Items.Cast<YamlMappingNode>().ToList(),
        _ => throw new ConfigurationFormatException(path, (int)at.Line, (int)at.Column, "a merge key '<<' takes a mapping or a list of mappings"),
    };

    /// <summary>A merge source's own entries with its own merges applied.</summary>
    private List<(string Key, YamlNode Value)> Effective(YamlMappingNode mapping)
    {
        var result = mapping.Entries.Select(e => (e.Key.Value!, e.Value)).ToList();
        var present = new HashSet<string>(result.Select(e => e.Item1), StringComparer.OrdinalIgnoreCase);
        foreach (var (at, merge) in mapping.Merges)
        {
            foreach (var source in MergeSources(at, merge))
            {
                Visit(source.Start);
                foreach (var entry in Effective(source))
                {
                    if (present.Add(entry.Key))
                    {
                        result.Add(entry);
                    }
                }
            }
        }

        return result;
    }
}

using Config.Providers.Core;
using YamlDotNet.Core;

namespace Config.Providers.Formats.Yaml;

/// <summary>
/// Writes the document as configuration keys: mappings join with <c>:</c>, sequences index from 0, an empty
/// sequence or nested mapping is a present but empty key. Counts every node, aliases expanded, against
/// <see cref="YamlReadOptions.MaxExpandedNodes"/>.
/// </summary>
internal sealed class YamlKeySink(string path, YamlReadOptions options, Dictionary<string, string?> data, KeyOrigins origins) : IYamlNodeTarget
{
    private readonly string source = "yaml " + path;
    private readonly Stack<string> prefixes = new();
    private string prefix = string.Empty;
    private int visited;
    private readonly KeyBudget budget = new(path, options.MaxKeyLength, options.MaxExpandedCharacters, "YamlParseOptions");
    private Mark lastMark = Mark.Empty;

    public void Scalar(Mark at, string? value, bool plain)
    {
        Visit(at);
        Set(value, at);
    }

    /// <summary>Writes a kept node's keys here, counting each node again: this is where aliases expand.</summary>
    public void Reuse(YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                Scalar(scalar.Start, scalar.Value, scalar.Plain);
                break;

            case YamlSequenceNode sequence:
                BeginSequence(sequence.Start);
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    BeginItem(i);
                    Reuse(sequence.Items[i]);
                    EndItem();
                }

                EndSequence(sequence.Start, sequence.Items.Count);
                break;

            case YamlMappingNode mapping:
                BeginMapping(mapping.Start);
                foreach (var (key, value) in mapping.Entries)
                {
                    BeginEntry(key);
                    Reuse(value);
                    EndEntry();
                }

                EndMapping(mapping.Start, mapping.Entries.Count);
                break;
        }
    }

    public void BeginMapping(Mark at) => Visit(at);

    public void BeginEntry(string key) => Enter(key);

    public void EndEntry() => prefix = prefixes.Pop();

    public void EndMapping(Mark start, int count)
    {
        // The top mapping has no key of its own to mark present.
        if (count == 0 && prefix.Length > 0)
        {
            Set(string.Empty, start);
        }
    }

    public void BeginSequence(Mark at) => Visit(at);

    public void BeginItem(int index) => Enter(index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void EndItem() => prefix = prefixes.Pop();

    public void EndSequence(Mark start, int count)
    {
        if (count == 0)
        {
            Set(string.Empty, start);
        }
    }

    private void Enter(string segment)
    {
        // Checked before the key is built: the long key itself is what must not be copied per item.
        budget.Key(prefix.Length, segment.Length, (int)lastMark.Line, (int)lastMark.Column);

        prefixes.Push(prefix);
        prefix = ConfigurationKeys.Join(prefix, segment);
    }

    private void Visit(Mark at)
    {
        lastMark = at;
        if (++visited > options.MaxExpandedNodes)
        {
            throw new ConfigurationFormatException(path, (int)at.Line, (int)at.Column,
                $"the document expands to more than {options.MaxExpandedNodes} nodes (YamlParseOptions.MaxExpandedNodes); aliases that multiply (\"billion laughs\") are refused");
        }
    }

    private void Set(string? value, Mark at)
    {
        budget.Entry(prefix, value, (int)at.Line, (int)at.Column);

        data[prefix] = value;
        origins.Add(prefix, new KeyOrigin(source, (int)at.Line, (int)at.Column));
    }
}

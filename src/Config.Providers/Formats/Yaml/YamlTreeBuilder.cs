using YamlDotNet.Core;

namespace Config.Providers.Formats.Yaml;

/// <summary>
/// Keeps a node as a <see cref="YamlNode"/> tree, for nodes that may be used again: anchored nodes (aliases replay
/// them) and merge sources. Merges arrive already applied, so a kept mapping holds its effective entries.
/// </summary>
internal sealed class YamlTreeBuilder(Action<YamlNode>? rootCreated = null) : IYamlNodeTarget
{
    private readonly Stack<YamlNode> open = new();
    private string? entryKey;

    /// <summary>The node read, once its first event has arrived.</summary>
    public YamlNode? Root { get; private set; }

    public void Scalar(Mark at, string? value, bool plain) => Add(new YamlScalarNode(at, value, plain) { Complete = true });

    /// <summary>Shares the node rather than copying it, so aliases that multiply cost no memory here.</summary>
    public void Reuse(YamlNode node) => Add(node);

    public void BeginMapping(Mark at) => Open(new YamlMappingNode(at));

    public void BeginEntry(string key) => entryKey = key;

    public void EndEntry()
    {
    }

    public void EndMapping(Mark start, int count) => open.Pop().Complete = true;

    public void BeginSequence(Mark at) => Open(new YamlSequenceNode(at));

    public void BeginItem(int index)
    {
    }

    public void EndItem()
    {
    }

    public void EndSequence(Mark start, int count) => open.Pop().Complete = true;

    private void Open(YamlNode node)
    {
        Add(node);
        open.Push(node);
    }

    private void Add(YamlNode node)
    {
        if (open.Count == 0)
        {
            // Registered before its content is read, so an alias inside it is seen as the cycle it is.
            Root = node;
            rootCreated?.Invoke(node);
            return;
        }

        switch (open.Peek())
        {
            case YamlMappingNode mapping:
                mapping.Entries.Add((entryKey!, node));
                break;
            case YamlSequenceNode sequence:
                sequence.Items.Add(node);
                break;
        }
    }
}

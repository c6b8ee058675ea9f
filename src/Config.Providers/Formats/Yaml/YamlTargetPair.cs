using YamlDotNet.Core;

namespace Config.Providers.Formats.Yaml;

/// <summary>Sends a node to two targets: an anchored node streams into keys and is kept for its aliases.</summary>
internal sealed class YamlTargetPair(IYamlNodeTarget first, IYamlNodeTarget second) : IYamlNodeTarget
{
    public void Scalar(Mark at, string? value, bool plain)
    {
        first.Scalar(at, value, plain);
        second.Scalar(at, value, plain);
    }

    public void Reuse(YamlNode node)
    {
        first.Reuse(node);
        second.Reuse(node);
    }

    public void BeginMapping(Mark at)
    {
        first.BeginMapping(at);
        second.BeginMapping(at);
    }

    public void BeginEntry(string key)
    {
        first.BeginEntry(key);
        second.BeginEntry(key);
    }

    public void EndEntry()
    {
        first.EndEntry();
        second.EndEntry();
    }

    public void EndMapping(Mark start, int count)
    {
        first.EndMapping(start, count);
        second.EndMapping(start, count);
    }

    public void BeginSequence(Mark at)
    {
        first.BeginSequence(at);
        second.BeginSequence(at);
    }

    public void BeginItem(int index)
    {
        first.BeginItem(index);
        second.BeginItem(index);
    }

    public void EndItem()
    {
        first.EndItem();
        second.EndItem();
    }

    public void EndSequence(Mark start, int count)
    {
        first.EndSequence(start, count);
        second.EndSequence(start, count);
    }
}

using Config.Providers.Core;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Config.Providers.Formats.Yaml;

/// <summary>
/// YamlDotNet's events for the YAML most configuration files are written in — block mappings and sequences, one-line
/// scalars (plain, or quoted without escapes), one-line flow collections and comments — read line by line
/// (<see cref="BlockYamlReader"/>), without YamlDotNet's scanner. Anything else (anchors, tags, block scalars, escapes,
/// scalars over several lines, tabs, directives, several documents, whatever is not valid YAML) makes
/// <see cref="TryRead"/> decline, and YamlDotNet's parser reads the file. The events are YamlDotNet's own types with the
/// marks its parser gives, so <see cref="YamlDocumentReader"/> reads them with every check it applies;
/// <c>BlockYamlParserTests</c> holds the two to the same events over the yaml-test-suite, the example files and
/// thousands of small changes to a configuration file.
/// </summary>
/// <remarks>
/// Why: starting the scanner cost a service on the JIT about 190 compiled methods and a compiled regular expression
/// before the first key, and the events of a large file come about five times faster this way (docs/benchmarks.md).
/// </remarks>
internal sealed class BlockYamlParser : IParser
{
    private readonly ChunkedList<ParsingEvent> events;
    private int position = -1;

    private BlockYamlParser(ChunkedList<ParsingEvent> events) => this.events = events;

    public ParsingEvent? Current => position >= 0 && position < events.Count ? events[position] : null;

    public bool MoveNext()
    {
        if (position < events.Count)
        {
            position++;
        }

        return position < events.Count;
    }

    /// <summary>
    /// Past this many characters a file is left to YamlDotNet's parser, which streams: this reader holds the whole
    /// document's events, and a hostile line such as <c>[[], [], …]</c> makes two of them from three characters.
    /// </summary>
    public const int MaxTextLength = 256 * 1024;

    /// <summary>The events of <paramref name="text"/>, or null when it is not in the subset read here.</summary>
    public static IParser? TryRead(string text)
    {
        if (text.Length > MaxTextLength)
        {
            return null;
        }

        var reader = new BlockYamlReader(text);
        return reader.Read() ? new BlockYamlParser(reader.Events) : null;
    }
}

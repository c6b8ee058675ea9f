using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Config.Providers.Formats.Yaml;
using Config.Providers.Yaml;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Config.Providers.Benchmarks;

/// <summary>
/// Reading the same generated configuration: our YAML parser (to configuration keys) vs YamlDotNet's bare event
/// parse (the floor) and its representation model, and Microsoft's JSON provider on the same data as JSON.
/// </summary>
[MemoryDiagnoser]
public class YamlBenchmarks
{
    private string yaml = null!;
    private byte[] json = null!;

    [GlobalSetup]
    public void Setup()
    {
        var yamlText = new StringBuilder();
        var jsonText = new StringBuilder("{");
        for (var i = 0; i < 300; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            yamlText.Append("service_").Append(n).Append(":\n")
                .Append("  cluster: wolverine\n")
                .Append("  type: python-worker\n")
                .Append("  created_at: 1310524922.").Append(n).Append('\n')
                .Append("  config:\n    max_workers: '").Append(i % 16).Append("'\n    queue: orders.").Append(n).Append("\n    timeout: 30s\n")
                .Append("  aliases: [svc-").Append(n).Append(".example.com, svc-").Append(n).Append(".internal]\n")
                .Append("  instances:\n  - {name: 'www.").Append(n).Append("', state: running}\n  - {name: 'www.").Append(n).Append(".1', state: running}\n");
            jsonText.Append(i == 0 ? string.Empty : ",").Append("\"service_").Append(n).Append("\":{")
                .Append("\"cluster\":\"wolverine\",\"type\":\"python-worker\",\"created_at\":\"1310524922.").Append(n).Append('"')
                .Append(",\"config\":{\"max_workers\":\"").Append(i % 16).Append("\",\"queue\":\"orders.").Append(n).Append("\",\"timeout\":\"30s\"}")
                .Append(",\"aliases\":[\"svc-").Append(n).Append(".example.com\",\"svc-").Append(n).Append(".internal\"]")
                .Append(",\"instances\":[{\"name\":\"www.").Append(n).Append("\",\"state\":\"running\"},{\"name\":\"www.").Append(n).Append(".1\",\"state\":\"running\"}]}");
        }

        yaml = yamlText.ToString();
        json = Encoding.UTF8.GetBytes(jsonText.Append('}').ToString());

        var ours = Ours();
        var fromJson = JsonProvider().AsEnumerable().Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        if (ours.Count != fromJson.Count || ours.Any(p => !fromJson.TryGetValue(p.Key, out var v) || v != p.Value))
        {
            throw new InvalidOperationException($"The YAML and JSON forms disagree ({ours.Count} vs {fromJson.Count} keys).");
        }
    }

    [Benchmark(Baseline = true, Description = "YamlDotNet events (bare parse)")]
    public int YamlDotNetEvents()
    {
        var parser = new Parser(new StringReader(yaml));
        var count = 0;
        while (parser.MoveNext())
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// The floor for any reader that produces configuration keys on YamlDotNet: the event parse plus joining keys
    /// into a dictionary, with no checks, origins, anchors or merges (not a usable parser).
    /// </summary>
    [Benchmark(Description = "Floor: YamlDotNet events + key dictionary, no checks")]
    public int EventsPlusKeys()
    {
        var parser = new Parser(new StringReader(yaml));
        var stack = new Stack<string>();
        var dict = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        string? pendingKey = null;
        var inMapping = new Stack<bool>();
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case Scalar s when inMapping.Count > 0 && inMapping.Peek() && pendingKey is null:
                    pendingKey = s.Value;
                    break;
                case Scalar s:
                    dict[(stack.Count > 0 ? stack.Peek() + ":" : "") + (pendingKey ?? "x")] = s.Value;
                    pendingKey = null;
                    break;
                case MappingStart:
                    stack.Push((stack.Count > 0 ? stack.Peek() + ":" : "") + (pendingKey ?? "r"));
                    inMapping.Push(true);
                    pendingKey = null;
                    break;
                case SequenceStart:
                    stack.Push((stack.Count > 0 ? stack.Peek() + ":" : "") + (pendingKey ?? "r"));
                    inMapping.Push(false);
                    pendingKey = null;
                    break;
                case MappingEnd or SequenceEnd:
                    stack.Pop();
                    inMapping.Pop();
                    break;
            }
        }

        return dict.Count;
    }

    [Benchmark(Description = "YamlDotNet RepresentationModel")]
    public YamlStream YamlDotNetRepresentationModel()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream;
    }

    /// <summary>The part of the row below that makes the events: this library's line reader, which takes this file.</summary>
    [Benchmark(Description = "Config.Providers line reader (events only)")]
    public int BlockReaderEvents()
    {
        var parser = BlockYamlParser.TryRead(yaml) ?? throw new InvalidOperationException("The line reader declined the benchmark file.");
        var count = 0;
        while (parser.MoveNext())
        {
            count++;
        }

        return count;
    }

    [Benchmark(Description = "Config.Providers YAML (to configuration keys)")]
    public IDictionary<string, string?> Ours() => YamlConfigurationParser.Parse(yaml, "config.yaml").Data;

    [Benchmark(Description = "Microsoft JSON provider (same data as JSON)")]
    public IConfigurationRoot JsonProvider() => new ConfigurationBuilder().AddJsonStream(new MemoryStream(json)).Build();
}

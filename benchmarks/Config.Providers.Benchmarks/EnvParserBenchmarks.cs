using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Config.Providers.EnvFiles;
using Config.Providers.Formats.EnvFiles;
using dotenv.net;

namespace Config.Providers.Benchmarks;

/// <summary>
/// Parsing the same 10,000-line env file into a key → value dictionary: ours vs DotNetEnv 3.0.0 vs dotenv.net 4.2.0.
/// All start from the file's UTF-8 bytes in memory (no disk I/O), each through its own entry point for them
/// (ours: the UTF-8 overload; DotNetEnv: a string; dotenv.net: a stream), and none touches the process environment.
/// </summary>
[MemoryDiagnoser]
public class EnvParserBenchmarks
{
    private static readonly EnvFileParseOptions Options = new() { Environment = _ => null };
    private static readonly DotNetEnv.LoadOptions DotNetEnvOptions = new(setEnvVars: false, clobberExistingVars: false, onlyExactPath: true);
    private byte[] bytes = null!;

    /// <summary>Common syntax every contender reads the same way: comments, blank lines, plain, double- and single-quoted values, inline comments, empty values.</summary>
    public static string File()
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length == 0 || CountLines(text) < 10_000; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            text.Append("# settings group ").Append(n).Append('\n')
                .Append("SERVICE_").Append(n).Append("_HOST=service-").Append(n).Append(".internal\n")
                .Append("SERVICE_").Append(n).Append("_PORT=").Append(8000 + (i % 1000)).Append('\n')
                .Append("SERVICE_").Append(n).Append("_DESCRIPTION=\"a value with spaces, number ").Append(n).Append("\"\n")
                .Append("SERVICE_").Append(n).Append("_PATTERN='^[a-z]+-").Append(n).Append("$'\n")
                .Append("SERVICE_").Append(n).Append("_MODE=fast # the default\n")
                .Append("SERVICE_").Append(n).Append("_TOKEN=\n")
                .Append("SERVICE_").Append(n).Append("_URL=https://service-").Append(n).Append(".internal:8443/api/v1?x=1\n")
                .Append("SERVICE_").Append(n).Append("_ENABLED=true\n")
                .Append('\n');
        }

        return text.ToString();
    }

    private static int CountLines(StringBuilder text)
    {
        var lines = 0;
        foreach (var chunk in text.GetChunks())
        {
            lines += chunk.Span.Count('\n');
        }

        return lines;
    }

    [GlobalSetup]
    public void Setup()
    {
        bytes = Encoding.UTF8.GetBytes(File());
        var ours = Ours();
        foreach (var (name, other) in new (string, IDictionary<string, string>)[] { ("DotNetEnv", DotNetEnvParse()), ("dotenv.net", DotenvNet()) })
        {
            if (other.Count != ours.Count || ours.Any(p => !other.TryGetValue(p.Key, out var v) || v != p.Value))
            {
                var diff = ours.FirstOrDefault(p => !other.TryGetValue(p.Key, out var v) || v != p.Value);
                throw new InvalidOperationException($"{name} reads the file differently ({other.Count} vs {ours.Count} keys; first difference at {diff.Key}: '{diff.Value}' vs '{(other.TryGetValue(diff.Key ?? string.Empty, out var o) ? o : "(missing)")}').");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "Config.Providers EnvFileParser")]
    public Dictionary<string, string> Ours()
    {
        var result = EnvFileParser.Parse(bytes.AsSpan(), ".env", Options);
        var values = new Dictionary<string, string>(result.Entries.Count, StringComparer.Ordinal);
        foreach (var entry in result.Entries)
        {
            values[entry.Key] = entry.Value;
        }

        return values;
    }

    [Benchmark(Description = "DotNetEnv 3.0.0")]
    public Dictionary<string, string> DotNetEnvParse()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in DotNetEnv.Env.LoadContents(Encoding.UTF8.GetString(bytes), DotNetEnvOptions))
        {
            values[key] = value;
        }

        return values;
    }

    [Benchmark(Description = "dotenv.net 4.2.0")]
    public IDictionary<string, string> DotenvNet() =>
        DotEnv.Fluent().WithoutProbeForEnv().WithEnvStreams(new MemoryStream(bytes)).WithExceptions().Read();
}

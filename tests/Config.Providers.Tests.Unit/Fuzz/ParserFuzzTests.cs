using System.Text;
using Config.Providers.DotCloud;
using Config.Providers.Formats.EnvFiles;
using Config.Providers.Formats.Yaml;
using Config.Providers.Core;

namespace Config.Providers.Tests.Fuzz;

/// <summary>
/// Random and mutated inputs for the three parsers: the only exception allowed is the documented
/// <see cref="ConfigurationFormatException"/>, each input finishes quickly, and nothing overflows the stack.
/// Seeds are fixed, so a failure reproduces; the failing input is in the assertion message.
/// </summary>
public class ParserFuzzTests
{
    // CI runs a few thousand per parser; set FUZZ_ITERATIONS (and FUZZ_SEED) for a longer hunt.
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), out var n) ? n : 3000;
    private static readonly int SeedOffset = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var s) ? s : 0;

    private static readonly string[] EnvCorpus =
    [
        "A=1\nexport B='two'\nC=\"th\\nree ${A}\"\n# c\nD=${UNSET:-x} # tail\n",
        "X=${A:-${B:-${C}}}\nY=$X$X\nZ=\"multi\nline\"\n",
        "\uFEFFA=1\r\nB=\"x\\\"y\"\r\n",

        // The review's reproducers, as seeds: interpolation that multiplies, a continued secret, systemd quoting.
        "A=0123456789\nB=${A}${A}${A}${A}${A}${A}${A}${A}\nC=${B}${B}${B}${B}${B}${B}${B}${B}\nD=${C}${C}${C}${C}${C}${C}${C}${C}\n",
        "PASSWORD=first\nSecondHalfOfThePassword\nK: v\n'q\\'x'=1\n",
        "a=\\ \\n \\t \\x \\y \\' \nb= \"x\" \"y\" z\\\n c\ni=i\\",
    ];

    private static readonly string[] YamlCorpus =
    [
        "a: &a [lol, lol]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c]\n",
        "? " + new string('k', 5000) + "\n:\n  - a\n  - b\n",
        "password: !S3cret\ntoken: *S3cret\n",
        "a: &a {x: 1, y: [1, 2]}\nb:\n  <<: *a\n  z: ~\nc: [*a, *a]\n",
        "svc:\n  ports:\n  - {name: amqp, url: 'amqp://u:p@h:1'}\n",
        "k: |\n  block\n  text\nl: >-\n  folded\nm: !!str 1\n",
    ];

    private static readonly string[] JsonCorpus =
    [
        "{\"A\": \"\\uD800\", \"" + new string('k', 5000) + "\": [1, 2, 3]}",
        "{\"DOTCLOUD_DB_MYSQL_HOST\": \"h\", \"DOTCLOUD_DB_MYSQL_PORT\": 1, \"PORT_WWW\": 80, \"N\": {\"a\": [1, true, null]}}",
    ];

    private static readonly string Specials = "=#'\"\\$ {}\n\r\t:-[]&*!<>,|?%@`~\uFEFF";

    public static TheoryData<string> Parsers => new() { "env-compose", "env-systemd", "yaml", "json" };

    [Theory]
    [MemberData(nameof(Parsers))]
    public void Mutated_and_random_inputs_only_raise_the_documented_error(string parser)
    {
        var random = new Random(parser.Length * 7919 + parser[^1] + SeedOffset);
        var corpus = parser switch { "yaml" => YamlCorpus, "json" => JsonCorpus, _ => EnvCorpus };
        var work = Task.Run(() =>
        {
            for (var i = 0; i < Iterations; i++)
            {
                var input = i % 4 == 0 ? RandomText(random) : Mutate(corpus[random.Next(corpus.Length)], random);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    Parse(parser, input);
                }
                catch (ConfigurationFormatException e)
                {
                    // Located: a line and column from 1, the file named first.
                    Assert.True(e.Line >= 1 && e.Column >= 1 && e.Message.StartsWith(e.Path + ":", StringComparison.Ordinal), $"{parser}: unlocated error {e.Message}\ninput: {Escape(input)}");
                }
                catch (Exception e)
                {
                    Assert.Fail($"{parser}: {e.GetType().Name}: {e.Message}\ninput: {Escape(input)}");
                }

                // The budget of one input (docs/security.md): 2 s, 256 MB.
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{parser}: {clock.Elapsed.TotalSeconds:0.0} s for one input\ninput: {Escape(input)}");
                Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 256L * 1024 * 1024, $"{parser}: more than 256 MB for one input\ninput: {Escape(input)}");
            }
        });
        Assert.True(work.Wait(TimeSpan.FromSeconds(60 + Iterations / 100)), $"{parser}: {Iterations} inputs did not finish in time (a hang?)");
    }

    [Fact]
    public void A_yamldotnet_scanner_failure_becomes_a_located_format_error()
    {
        // Found by the fuzzer: YamlDotNet 16.3's scanner throws InvalidOperationException on this input.
        var input = "a:1, y: [ &a {x: 1, y: [1, 2]}\nb:\n  <<: *a\n 1, y: [1  z: ~\nc: [*a, *a]\n";
        var error = Assert.Throws<ConfigurationFormatException>(() => YamlConfigurationParser.Parse(input, "config.yaml"));
        Assert.StartsWith("config.yaml:", error.Message);
        Assert.Contains("invalid YAML", error.Reason);
    }

    [Theory]
    [InlineData("env-compose")]
    [InlineData("yaml")]
    [InlineData("json")]
    public void Pathologically_deep_input_is_an_error_not_a_stack_overflow(string parser)
    {
        var input = parser switch
        {
            "env-compose" => "A=" + string.Concat(Enumerable.Repeat("${X:-", 100_000)) + "x" + new string('}', 100_000),
            "yaml" => "a: " + new string('{', 100_000),
            _ => "{\"a\":" + string.Concat(Enumerable.Repeat("[", 100_000)),
        };
        Assert.Throws<ConfigurationFormatException>(() => Parse(parser, input));
    }

    private static void Parse(string parser, string input)
    {
        switch (parser)
        {
            case "env-compose":
                EnvFileParser.Parse(input, ".env", new EnvFileParseOptions { Environment = _ => null });

                // And as bytes with one high bit flipped (often invalid UTF-8), through the file path's decoder.
                var bytes = System.Text.Encoding.UTF8.GetBytes(input);
                if (bytes.Length > 0)
                {
                    bytes[input.Length % bytes.Length] ^= 0x80;
                }

                EnvFileParser.Parse(bytes.AsSpan(), ".env", new EnvFileParseOptions { Environment = _ => null });
                break;
            case "env-systemd":
                EnvFileParser.Parse(input, ".env", new EnvFileParseOptions { Systemd = true });
                break;
            case "yaml":
                YamlConfigurationParser.Parse(input, "config.yaml");
                break;
            default:
                DotCloudEnvironmentParser.Parse(input, "environment.json");
                break;
        }
    }

    private static string Mutate(string seed, Random random)
    {
        var text = new StringBuilder(seed);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(text.Length + 1);
            switch (random.Next(4))
            {
                case 0 when text.Length > 0 && at < text.Length:
                    text.Remove(at, Math.Min(random.Next(1, 4), text.Length - at));
                    break;
                case 1:
                    text.Insert(at, Specials[random.Next(Specials.Length)]);
                    break;
                case 2 when text.Length > 0:
                    var start = random.Next(text.Length);
                    var length = Math.Min(random.Next(1, 12), text.Length - start);
                    text.Insert(at, text.ToString(start, length));
                    break;
                case 3 when random.Next(8) == 0:
                    // A lone UTF-16 surrogate, as a broken decoder or an escaped \uD800 leaves.
                    text.Insert(at, (char)random.Next(0xD800, 0xE000));
                    break;
                default:
                    text.Insert(at, (char)random.Next(0, 0x3000));
                    break;
            }
        }

        return text.ToString();
    }

    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        var length = random.Next(0, 80);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(3) == 0 ? Specials[random.Next(Specials.Length)] : (char)random.Next(32, 127));
        }

        return text.ToString();
    }

    private static string Escape(string input) => string.Concat(input.Select(c => c < 32 || c > 126 ? $"\\u{(int)c:x4}" : c.ToString()));
}


using Config.Providers.Formats.Yaml;
using Config.Providers.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Config.Providers.Tests.Yaml;

/// <summary>
/// The line reader for plain block YAML stands in for YamlDotNet's parser on the files it accepts: for each of them it
/// must give YamlDotNet's events exactly — types, values, styles and the positions origins and errors quote — and it
/// must decline whatever it does not read the way YamlDotNet does. Checked over the whole yaml-test-suite, the example
/// files, and thousands of small mutations of a typical configuration file.
/// </summary>
public class BlockYamlParserTests
{
    private const string Typical = """
        # Orders service
        service:
          name: orders
          port: 8080
          url: http://orders.internal:8080/api
          empty:
          quoted: "a # not a comment"
          single: 'it''s'
          spaced key  : value with  spaces   # and a comment
        database:
          host: db.internal
          pool:
            min: 1
            max: 50
        hosts:
        - a.example.com
        - b.example.com
        -
        downstream:
          - name: stock
            url: http://stock:8080/
            retries: 3
          - name: billing
            tags:
              - x
              - 'y'
        shipping:
          - name: ship
            zones:
            - eu
            - us
          -
            name: after an empty item
          - key:   # nothing after the key but a comment
              deep: 1
          - -5
        ports:
        - {name: ssh, url: 'ssh://rabbitmq@host.example.com:7726'}
        - {name: amqp, url: http://x:8080/, empty: [], none: {}}
        tags: [blue, green , 'x y', [nested, list], {k: v}, ]
        ports:
        - {name: ssh, url: 'ssh://rabbitmq@host.example.com:7726'}
        - {name: amqp, url: http://x:8080/, empty: [], none: {}}
        tags: [blue, green , 'x y', [nested, list], {k: v}, ]
        last:
        """;

    private static IEnumerable<string> SuiteCases() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "tests/Config.Providers.Conformance/suites/yaml-test-suite/data"), "in.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal);

    [Fact]
    public void Every_yaml_test_suite_case_it_reads_it_reads_as_YamlDotNet_does()
    {
        var read = 0;
        foreach (var file in SuiteCases())
        {
            if (AssertSameEvents(File.ReadAllText(file), file))
            {
                read++;
            }
        }

        // Most of the suite is the corners of YAML it leaves to YamlDotNet, but not all of it.
        Assert.InRange(read, 10, 200);
    }

    [Theory]
    [InlineData("docs/examples/OrdersService/config.yaml")]
    [InlineData("docs/examples/AotService/config.yaml")]
    [InlineData("benchmarks/Startup/Shared/config.yaml")]
    public void The_example_files_are_read_without_YamlDotNet_s_scanner_and_as_it_reads_them(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, file));
        Assert.True(AssertSameEvents(text, file), $"{file} was left to YamlDotNet");
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void A_typical_file_is_read_as_YamlDotNet_reads_it_with_either_line_end(string newline)
    {
        Assert.True(AssertSameEvents(Typical.Replace("\n", newline, StringComparison.Ordinal), "typical"));
    }

    [Theory]
    [InlineData("typical")]
    [InlineData("docs/examples/OrdersService/config.yaml")]
    public void Thousands_of_small_changes_to_a_configuration_file_are_either_read_as_YamlDotNet_reads_them_or_declined(string file)
    {
        // Run with other seeds and 30,000 changes each while this reader was written (360,000 files): no difference left.
        var original = file == "typical" ? Typical : File.ReadAllText(Path.Combine(RepositoryRoot.Path, file));
        var random = new Random(20261205);
        const string alphabet = " -:#'\"\n\t[]{},&*!|>%@`?\\~ax0";
        var (read, declined) = (0, 0);
        for (var i = 0; i < 4000; i++)
        {
            var text = original;
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length);
                text = random.Next(3) switch
                {
                    0 => text.Insert(at, alphabet[random.Next(alphabet.Length)].ToString()),
                    1 => text.Remove(at, 1),
                    _ => text.Insert(at, "  "),
                };
            }

            if (AssertSameEvents(text, $"mutation {i}:\n{text}"))
            {
                read++;
            }
            else
            {
                declined++;
            }
        }

        Assert.True(read > 500 && declined > 500, $"{read} read, {declined} declined");
    }

    [Fact]
    public void A_file_too_large_to_hold_as_events_is_left_to_YamlDotNet_s_streaming_parser()
    {
        var line = "key: [[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []]\n";
        var small = "a:\n" + string.Concat(Enumerable.Repeat("  " + line.Replace("key", "k", StringComparison.Ordinal), 10));
        Assert.NotNull(BlockYamlParser.TryRead(small));

        var large = new System.Text.StringBuilder();
        for (var i = 0; large.Length <= BlockYamlParser.MaxTextLength; i++)
        {
            large.Append("key").Append(i).Append(line[3..]);
        }

        Assert.Null(BlockYamlParser.TryRead(large.ToString()));
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("a: [1, 2\n")]
    [InlineData("a: [b: 1]\n")]
    [InlineData("a: {b: 1, c: [x, {d: 'e' # not closed\n")]
    [InlineData("a: |\n  text\n")]
    [InlineData("a: >\n  text\n")]
    [InlineData("a: \"line\\nbreak\"\n")]
    [InlineData("a: b\n  continued\n")]
    [InlineData("a:\tb\n")]
    [InlineData("---\na: 1\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("%YAML 1.2\n---\na: 1\n")]
    [InlineData("- a\n- b\n")]
    [InlineData("a: b: c\n")]
    [InlineData("? a\n: b\n")]
    [InlineData("\"a\": 1\n")]
    [InlineData("a: 'open\n")]
    [InlineData("\ufeffa: 1\n")]
    [InlineData("a: x\u2028y\n")]
    [InlineData("a:\n- - x\n")]
    public void What_it_does_not_read_it_leaves_to_YamlDotNet(string text)
    {
        Assert.Null(BlockYamlParser.TryRead(text));
    }

    /// <summary>True when the line reader took <paramref name="text"/>; then YamlDotNet must give the same events.</summary>
    private static bool AssertSameEvents(string text, string name)
    {
        if (BlockYamlParser.TryRead(text) is not { } ours)
        {
            return false;
        }

        var expected = new List<string>();
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                expected.Add(Describe(parser.Current!));
            }
        }
        catch (YamlException e)
        {
            expected.Add("YamlDotNet refused it: " + e.Message);
        }

        var actual = new List<string>();
        while (ours.MoveNext())
        {
            actual.Add(Describe(ours.Current!));
        }

        Assert.True(expected.SequenceEqual(actual), $"{name}\nYamlDotNet: {string.Join(" | ", expected)}\nours:       {string.Join(" | ", actual)}");
        return true;
    }

    private static string Describe(ParsingEvent e) => e switch
    {
        Scalar s => $"Scalar '{s.Value}' {s.Style} {s.IsPlainImplicit}/{s.IsQuotedImplicit} {At(s.Start)}-{At(s.End)} {s.Anchor}{s.Tag}",
        MappingStart m => $"MappingStart {m.Style} {m.IsImplicit} {At(m.Start)} {m.Anchor}{m.Tag}",
        SequenceStart q => $"SequenceStart {q.Style} {q.IsImplicit} {At(q.Start)} {q.Anchor}{q.Tag}",
        DocumentStart d => $"DocumentStart {d.IsImplicit}",
        DocumentEnd d => $"DocumentEnd {d.IsImplicit}",
        _ => e.GetType().Name,
    };

    private static string At(Mark mark) => $"{mark.Line}:{mark.Column}@{mark.Index}";
}

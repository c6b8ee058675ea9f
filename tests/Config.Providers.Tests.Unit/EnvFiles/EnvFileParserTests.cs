using Config.Providers.EnvFiles;
using Config.Providers.Formats.EnvFiles;
using Config.Providers.Core;

namespace Config.Providers.Tests.EnvFiles;

public class EnvFileParserTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["HOME_DIR"] = "/home/app", ["EMPTY_ENV"] = string.Empty, ["LATER"] = "from-env" };

    private static EnvFileParseOptions Options(EnvFileDialect dialect = EnvFileDialect.Compose, bool interpolation = true) =>
        new() { Systemd = dialect == EnvFileDialect.Systemd, Interpolation = interpolation, Environment = name => Environment.GetValueOrDefault(name) };

    private static Dictionary<string, string> Parse(string text, EnvFileParseOptions? options = null) =>
        EnvFileParser.Parse(text, ".env", options ?? Options()).Entries
            .GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    private static string Value(string text, EnvFileParseOptions? options = null) => Parse(text, options)["A"];

    private static ConfigurationFormatException Fails(string text, EnvFileParseOptions? options = null) =>
        Assert.Throws<ConfigurationFormatException>(() => EnvFileParser.Parse(text, ".env", options ?? Options()));

    [Theory]
    [InlineData("A=b", "b")]
    [InlineData("A = b", "b")]
    [InlineData("A=b   ", "b")]
    [InlineData("  A=b", "b")]
    [InlineData("A=", "")]
    [InlineData("A=b # comment", "b")]
    [InlineData("A=b\t# comment", "b\t# comment")]
    [InlineData("A: b", "b")]
    [InlineData("A=b#c", "b#c")]
    [InlineData("A=b #c # d", "b")]
    [InlineData("A=a b  c", "a b  c")]
    [InlineData("A=\"quoted\" # comment", "quoted")]
    [InlineData("export A=b", "b")]
    [InlineData("export   A = b", "b")]
    [InlineData("A=x=y", "x=y")]
    [InlineData("A=b\"c", "b\"c")]
    public void Unquoted_values_comments_and_export(string text, string expected) => Assert.Equal(expected, Value(text));

    [Fact]
    public void Full_line_comments_and_blank_lines_are_skipped()
    {
        var values = Parse("# header\n\n  # indented X=1\nA=1\n\t\nB=2 # tail\n# end");
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" }, values);
    }

    [Fact]
    public void A_name_alone_takes_its_value_from_the_environment_or_is_left_out_with_a_warning_that_does_not_quote_the_line()
    {
        var result = EnvFileParser.Parse("HOME_DIR\nA=1\nSecondHalfOfThePassword\n", ".env", Options());

        Assert.Equal(["HOME_DIR", "A"], result.Entries.Select(e => e.Key));
        Assert.Equal("/home/app", result.Entries.First().Value);
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith(".env:3:1: a name without '='", warning);
        Assert.DoesNotContain("SecondHalf", warning);
    }

    [Theory]
    [InlineData("A=\"\\a\\b\\f\\v\"", "\a\b\f\v")]
    [InlineData("A=\"\\0123\\012\"", "S\\012")]
    [InlineData("A=\"\\x41\\c\"", "\\x41\\c")]
    [InlineData("A='it\\'s'", "it's")]
    [InlineData("A='a\\b'", "a\\b")]
    [InlineData("a[1]=x", "x")]
    [InlineData("árvíz-TÜKÖR=x", "x")]
    public void Compose_escapes_and_names_as_compose_go(string text, string expected) => Assert.Equal(expected, Parse(text).Values.Single());

    [Fact]
    public void Export_is_a_prefix_only_when_a_space_follows()
    {
        Assert.Equal("1", Parse("exported=1")["exported"]);
        Assert.Equal("1", Parse("export_b=1")["export_b"]);
    }

    [Theory]
    [InlineData("A='x ${HOME_DIR} \\n y'", "x ${HOME_DIR} \\n y")]
    [InlineData("A='#not a comment'", "#not a comment")]
    [InlineData("A=''", "")]
    [InlineData("A='  spaced  '", "  spaced  ")]
    public void Single_quotes_are_literal(string text, string expected) => Assert.Equal(expected, Value(text));

    [Theory]
    [InlineData("A=\"x\\ny\"", "x\ny")]
    [InlineData("A=\"x\\ry\"", "x\ry")]
    [InlineData("A=\"x\\ty\"", "x\ty")]
    [InlineData("A=\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("A=\"back\\\\slash\"", "back\\slash")]
    [InlineData("A=\"cost \\$5\"", "cost $5")]
    [InlineData("A=\"keep \\q\"", "keep \\q")]
    [InlineData("A=\"# not a comment\"", "# not a comment")]
    public void Double_quotes_expand_escapes(string text, string expected) => Assert.Equal(expected, Value(text));

    [Fact]
    public void Quoted_values_span_lines_and_line_numbers_stay_right()
    {
        var result = EnvFileParser.Parse("A=\"line 1\nline 2\"\nB='x\ny'\nC=3", ".env", Options());
        Assert.Equal("line 1\nline 2", result.Entries[0].Value);
        Assert.Equal("x\ny", result.Entries[1].Value);
        Assert.Equal(new EnvEntry("B", "x\ny", 3, 1), result.Entries[1]);
        Assert.Equal(new EnvEntry("C", "3", 5, 1), result.Entries[2]);
    }

    [Theory]
    [InlineData("B=hi\nA=${B}", "hi")]
    [InlineData("B=hi\nA=$B", "hi")]
    [InlineData("B=hi\nA=$B-x", "hi-x")]
    [InlineData("B=hi\nA=\"${B} there\"", "hi there")]
    [InlineData("A=${HOME_DIR}/data", "/home/app/data")]
    [InlineData("A=${UNSET:-def}", "def")]
    [InlineData("A=${UNSET-def}", "def")]
    [InlineData("A=${EMPTY_ENV:-def}", "def")]
    [InlineData("A=${EMPTY_ENV-def}", "")]
    [InlineData("A=${HOME_DIR:-def}", "/home/app")]
    [InlineData("A=${HOME_DIR:+alt}", "alt")]
    [InlineData("A=${UNSET:+alt}", "")]
    [InlineData("A=${UNSET:-${HOME_DIR}/x}", "/home/app/x")]
    [InlineData("A=\"${UNSET:-a b}\"", "a b")]
    [InlineData("A=$$HOME_DIR", "$HOME_DIR")]
    [InlineData("A=price $5", "price $5")]
    [InlineData("A=100%$", "100%$")]
    [InlineData("A=${UNSET}", "")]
    [InlineData("B=file\nHOME_DIR=override\nA=${HOME_DIR}", "/home/app")]
    [InlineData("B=file\nA=${B}", "file")]
    public void Interpolation_uses_the_environment_then_earlier_keys_as_compose_does(string text, string expected) => Assert.Equal(expected, Value(text));

    [Fact]
    public void A_reference_to_a_later_key_does_not_see_it()
    {
        var values = Parse("A=${LATER}\nLATER=from-file\nC=${NOPE}");
        Assert.Equal("from-env", values["A"]);
        values = Parse("A=${LATER_ONLY}\nLATER_ONLY=x");
        Assert.Equal(string.Empty, values["A"]);
    }

    [Fact]
    public void Unset_variables_are_warned_about_with_their_position()
    {
        var result = EnvFileParser.Parse("X=1\nA=${UNSET}", ".env", Options());
        Assert.Equal([".env:2:3: variable 'UNSET' is not set; it expands to an empty string"], result.Warnings);
    }

    [Fact]
    public void Interpolation_can_be_turned_off()
    {
        Assert.Equal("${HOME_DIR}", Value("A=${HOME_DIR}", Options(interpolation: false)));
    }

    [Fact]
    public void Bom_and_crlf_are_accepted()
    {
        var result = EnvFileParser.Parse("\uFEFFA=1\r\nB=\"two\r\nlines\"\r\nC=3 # c\r\n", ".env", Options());
        Assert.Equal(["A", "B", "C"], result.Entries.Select(e => e.Key));
        Assert.Equal("1", result.Entries[0].Value);
        Assert.Equal("3", result.Entries[2].Value);
        Assert.Equal((4, 1), (result.Entries[2].Line, result.Entries[2].Column));
    }

    [Fact]
    public void Duplicate_keys_are_all_returned_in_order_and_the_last_wins()
    {
        var result = EnvFileParser.Parse("A=1\nA=2", ".env", Options());
        Assert.Equal(["1", "2"], result.Entries.Select(e => e.Value));
        Assert.Equal("2", Value("A=1\nA=2"));
    }

    [Theory]
    [InlineData("a.b-c=1", "a.b-c")]
    [InlineData("Database__Host=db", "Database__Host")]
    [InlineData("_private=1", "_private")]
    public void Keys_may_contain_dots_dashes_and_underscores(string text, string key) => Assert.Contains(key, Parse(text).Keys);

    [Theory]
    [InlineData("this is junk", 1, 6, "unexpected character after the name: expected '=' or ':'")]
    [InlineData("=value", 1, 1, "expected a variable name")]
    [InlineData("1A=x", 1, 1, "expected a variable name")]
    [InlineData("; comment", 1, 1, "expected a variable name")]
    [InlineData("A=\"abc\nB=2", 1, 3, "unterminated double-quoted value")]
    [InlineData("X=1\nA='abc\nB=2\n", 2, 3, "unterminated single-quoted value")]
    [InlineData("A=\"v\"tail", 1, 6, "unexpected text after the closing quote")]
    [InlineData("A='value\\'", 1, 3, "unterminated single-quoted value")]
    [InlineData("A=${B", 1, 3, "unterminated '${'")]
    [InlineData("A=${}", 1, 3, "expected a variable name after '${'")]
    [InlineData("A=${B:=x}", 1, 7, "unsupported operator")]
    [InlineData("A=${UNSET:?must be set}", 1, 3, "variable 'UNSET' is not set: must be set")]
    [InlineData("A=${EMPTY_ENV:?}", 1, 3, "variable 'EMPTY_ENV' is empty: required")]
    public void Malformed_input_names_line_and_column(string text, int line, int column, string reason)
    {
        var error = Fails(text);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Reason);
        Assert.StartsWith($".env:{line}:{column}: ", error.Message);
    }

    [Fact]
    public void Errors_never_quote_values()
    {
        var error = Fails("PASSWORD=\"hunter2-secret");
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void Parsing_never_touches_the_process_environment()
    {
        var name = "CONFIG_PROVIDERS_TEST_" + Guid.NewGuid().ToString("N");
        EnvFileParser.Parse($"{name}=1\nexport {name}_2=2", ".env");
        Assert.Null(System.Environment.GetEnvironmentVariable(name));
        Assert.Null(System.Environment.GetEnvironmentVariable(name + "_2"));
    }

    [Theory]
    [InlineData("A=b # c", "b # c")]
    [InlineData("A=b#c", "b#c")]
    [InlineData("A = b ", "b")]
    [InlineData("A=${HOME_DIR}", "${HOME_DIR}")]
    [InlineData("A=a\\\nb", "ab")]
    [InlineData("A=one \\\n  two", "one   two")]
    [InlineData("A=\"x\\\"y\\\\z\\$\\`\"", "x\"y\\z$`")]
    [InlineData("A=\"keep \\n\"", "keep \\n")]
    [InlineData("A='lit \\n'", "lit \\n")]
    [InlineData("A=pre\"quoted part\"post", "pre\"quoted part\"post")]
    [InlineData("A=x'y", "x'y")]
    [InlineData("A=\"v\" \"w\"", "vw")]
    [InlineData("A=\"v\" #nocomment", "v#nocomment")]
    [InlineData("A=\"one \\\n two\"", "one  two")]
    [InlineData("A=end\\", "end")]
    [InlineData("A=x\\ y", "x y")]
    public void Systemd_dialect_values(string text, string expected) => Assert.Equal(expected, Value(text, Options(EnvFileDialect.Systemd)));

    [Fact]
    public void Systemd_dialect_comments_start_with_hash_or_semicolon()
    {
        var values = Parse("; one\n# two\nA=1\n  ; three", Options(EnvFileDialect.Systemd));
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1" }, values);
    }

    [Theory]
    [InlineData("export A=b", 1, 8, "unexpected character after the name")]
    [InlineData("a.b=1", 1, 2, "unexpected character after the name")]
    [InlineData("A=x\uFFFE", 1, 1, "noncharacter U+FFFE")]
    [InlineData("A=\"open", 1, 3, "unterminated double-quoted value")]
    public void Systemd_dialect_rejects_what_systemd_would_not_read(string text, int line, int column, string reason)
    {
        var error = Fails(text, Options(EnvFileDialect.Systemd));
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void Interpolation_that_multiplies_text_stops_at_its_budget_with_a_located_error_instead_of_exhausting_memory()
    {
        // The reviewer's shape: a few hundred bytes that would expand to 10^9 characters.
        var text = new System.Text.StringBuilder("A=0123456789\n");
        for (var c = 'B'; c <= 'I'; c++)
        {
            text.Append(c).Append('=').Append(string.Concat(Enumerable.Repeat($"${{{(char)(c - 1)}}}", 10))).Append('\n');
        }

        Assert.True(text.Length < 700, $"{text.Length} bytes");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Fails(text.ToString());

        Assert.Equal((7, 7), (error.Line, error.Column));   // G's second ${F}: 2,000,000 characters
        Assert.Contains("interpolation makes this value longer than 1,048,576 characters", error.Message);
        Assert.DoesNotContain("0123456789", error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64L * 1024 * 1024, "allocated more than 64 MiB");

        // Within the budget it still expands: F is 1,000,000 characters.
        Assert.Equal(1_000_000, Parse(string.Join('\n', text.ToString().Split('\n').Take(6)))["F"].Length);
    }

    [Fact]
    public void Values_that_each_stay_within_a_megabyte_stop_at_the_files_budget_of_keys_and_values()
    {
        // F is 1,000,000 characters; 40 copies of it are 40 Mi characters, past the 32 Mi every format is held to.
        var text = new System.Text.StringBuilder("A=0123456789\n");
        for (var c = 'B'; c <= 'F'; c++)
        {
            text.Append(c).Append('=').Append(string.Concat(Enumerable.Repeat($"${{{(char)(c - 1)}}}", 10))).Append('\n');
        }

        for (var i = 0; i < 40; i++)
        {
            text.Append("COPY").Append(i).Append("=${F}\n");
        }

        var error = Fails(text.ToString());

        Assert.Contains("characters", error.Message);
        Assert.InRange(error.Line, 7 + 30, 7 + 35);   // around the 33rd copy
        Assert.DoesNotContain("0123456789", error.Message);
    }

    [Fact]
    public void Default_words_built_and_thrown_away_count_against_the_budget_too()
    {
        // S is set, so each ${S:-…} word is built (1,000,000 characters) and dropped: the values stay short.
        var text = new System.Text.StringBuilder("A=0123456789\nS=set\n");
        for (var c = 'B'; c <= 'F'; c++)
        {
            text.Append(c).Append('=').Append(string.Concat(Enumerable.Repeat($"${{{(char)(c - 1)}}}", 10))).Append('\n');
        }

        text.Append("X=").Append(string.Concat(Enumerable.Repeat("${S:-${F}}", 40))).Append('\n');

        var error = Fails(text.ToString());

        Assert.Contains("interpolation expands this file past", error.Message);
        Assert.Equal(8, error.Line);
    }

    [Fact]
    public void A_key_longer_than_4096_characters_is_a_located_error()
    {
        var error = Fails("OK=1\n" + new string('K', 5000) + "=v\n");

        Assert.Equal((2, 1), (error.Line, error.Column));
        Assert.Contains("a key longer than 4096 characters", error.Message);
    }
}

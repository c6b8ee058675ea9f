using System.Text.RegularExpressions;
using Config.Providers.Settings.Coercion;
using Config.Providers.Settings.Schema;

namespace Config.Providers.Tests.Checking;

/// <summary>
/// The settings schema states the parsers' rules a second time, as ECMA-262 patterns for editors: these keep the two in
/// step, sample by sample (the parser stays the judge of the few things a pattern cannot see, such as a unit twice).
/// </summary>
public sealed class SchemaPatternTests
{
    [Theory]
    [InlineData("30s")]
    [InlineData("250ms")]
    [InlineData("1h30m")]
    [InlineData("2d")]
    [InlineData(" 1.5H ")]
    [InlineData("-5m")]
    [InlineData("00:00:30")]
    [InlineData("1.02:03:04.5")]
    [InlineData("PT30S")]
    [InlineData("p1dt2h")]
    [InlineData("90")]
    [InlineData("30 parsecs")]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData("1h 30")]
    public void The_duration_pattern_accepts_exactly_what_the_parser_accepts(string text)
    {
        var parsed = DurationParser.TryParse(text, out _, out _);
        Assert.Equal(parsed, Regex.IsMatch(text, DurationParser.SchemaPattern, RegexOptions.ECMAScript));
    }

    [Theory]
    [InlineData("512")]
    [InlineData("64KB")]
    [InlineData("64kib")]
    [InlineData("1.5MB")]
    [InlineData("2 GiB")]
    [InlineData("3T")]
    [InlineData("4 lots")]
    [InlineData("MB")]
    [InlineData("")]
    [InlineData("1.5.5MB")]
    public void The_byte_size_pattern_accepts_exactly_what_the_parser_accepts(string text)
    {
        var parsed = ByteSizeParser.TryParse(text, out _, out _);
        Assert.Equal(parsed, Regex.IsMatch(text, ByteSizeParser.SchemaPattern, RegexOptions.ECMAScript));
    }

    [Theory]
    [InlineData("ReadOnly", "read-only")]
    [InlineData("RoundRobin", "round-robin")]
    [InlineData("HTTPServer", "http-server")]
    [InlineData("A", "a")]
    public void Enum_names_are_offered_in_kebab_case_which_the_binder_reads_back(string name, string kebab)
    {
        Assert.Equal(kebab, ScalarSchemas.Kebab(name));
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Config.Providers.Settings.Coercion;
using Config.Providers.Settings.Schema;
using Config.Providers.Tests.Support;

namespace Config.Providers.Tests.Architecture;

/// <summary>
/// One list of scalar types (<see cref="ScalarConverters.TableTypes"/>), and the places that must agree with it: the
/// binder's converters, the source generator's copy (an analyzer cannot reference the library), the JSON Schema
/// writer, and the coercion table in docs/settings.md. A type added to one and not the others fails here.
/// </summary>
public sealed partial class ScalarTableAgreementTests
{
    public static TheoryData<Type> Types => [.. ScalarConverters.TableTypes];

    [Theory]
    [MemberData(nameof(Types))]
    public void The_binder_has_a_converter_and_the_schema_writer_a_typed_schema(Type type)
    {
        var converter = ScalarConverters.For(type);
        Assert.NotNull(converter);

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            // The writer adds the schema's properties to the member's object.
            json.WriteStartObject();
            ScalarSchemas.Write(converter, json);
            json.WriteEndObject();
        }

        using var schema = JsonDocument.Parse(stream.ToArray());
        Assert.True(
            schema.RootElement.TryGetProperty("type", out _) || schema.RootElement.TryGetProperty("anyOf", out _),
            $"{type.Name}: the schema says nothing of the value: {schema.RootElement}");
    }

    [Fact]
    public void The_generators_copy_names_the_same_types()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Config.Providers.Generators", "ShapeClassifier.cs"));
        var block = TableBlock().Match(source);
        Assert.True(block.Success, "ShapeClassifier.TableTypes not found");
        var generator = QuotedName().Matches(block.Groups[1].Value).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Equal(ScalarConverters.TableTypes.Select(t => t.FullName!).Order(), generator.Order());
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void The_coercion_table_in_the_docs_lists_it(Type type)
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "settings.md"));
        var table = docs[docs.IndexOf("| Type | Accepted |", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", StringComparison.Ordinal)];
        var name = DocName(type);
        Assert.True(table.Contains(name, StringComparison.Ordinal), $"docs/settings.md's coercion table does not list {name}");
    }

    /// <summary>How the docs name a type: its C# keyword, its own name, or "unsigned" for the unsigned integers.</summary>
    private static string DocName(Type type) => type switch
    {
        _ when type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong) || type == typeof(UInt128) => "unsigned",
        _ when type == typeof(string) => "`string`",
        _ when type == typeof(bool) => "`bool`",
        _ when type == typeof(int) => "`int`",
        _ when type == typeof(long) => "`long`",
        _ when type == typeof(short) => "`short`",
        _ when type == typeof(byte) => "`byte`",
        _ when type == typeof(sbyte) => "`sbyte`",
        _ when type == typeof(double) => "`double`",
        _ when type == typeof(float) => "`float`",
        _ when type == typeof(decimal) => "`decimal`",
        _ when type == typeof(char) => "`char`",
        _ => $"`{type.Name}`",
    };

    [GeneratedRegex(@"TableTypes\s*=\s*new\([^)]*\)\s*\{(.*?)\};", RegexOptions.Singleline)]
    private static partial Regex TableBlock();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotedName();
}

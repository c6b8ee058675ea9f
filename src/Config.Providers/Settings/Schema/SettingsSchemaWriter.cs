using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Config.Providers.Settings.Binding;

namespace Config.Providers.Settings.Schema;

/// <summary>
/// Writes one JSON Schema (draft 2020-12) for the configuration sections bound with <c>AddSettings&lt;T&gt;</c>, from
/// the same type descriptions the binder uses (generated or reflected): types, required members, DataAnnotations,
/// enums with their accepted spellings, durations and byte sizes as patterns, descriptions from XML docs, and
/// <c>x-mutable</c> / <c>x-secret</c>. Each settings class is one entry of <c>$defs</c>, so recursive types end.
/// </summary>
internal sealed class SettingsSchemaWriter
{
    private readonly XmlDocumentation documentation = new();
    private readonly Dictionary<Type, string> definitions = [];
    private readonly Queue<TypeShape> pending = new();

    /// <summary>One bound section: where, and the type bound there.</summary>
    public sealed record Section(string Path, TypeShape Shape);

    public void Write(IReadOnlyList<Section> sections, string title, Utf8JsonWriter json)
    {
        var root = new Node();
        foreach (var section in sections)
        {
            var node = root;
            foreach (var part in section.Path.Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                node = node.Children.TryGetValue(part, out var child) ? child : node.Children[part] = new Node();
            }

            node.Shape ??= section.Shape;   // the same section bound twice (named instances): one description
        }

        json.WriteStartObject();
        json.WriteString("$schema", "https://json-schema.org/draft/2020-12/schema");
        json.WriteString("title", title);
        WriteNode(root, json, isRoot: true);
        json.WriteStartObject("$defs");
        while (pending.TryDequeue(out var shape))
        {
            json.WriteStartObject(definitions[shape.Type]);
            WriteObject(shape, json);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>A section: its bound type, its child sections, or both (then both must hold).</summary>
    private void WriteNode(Node node, Utf8JsonWriter json, bool isRoot = false)
    {
        if (node.Shape is { } shape && node.Children.Count == 0 && !isRoot)
        {
            WriteType(shape, json);
            return;
        }

        if (node.Shape is { } bound)
        {
            json.WriteStartArray("allOf");
            json.WriteStartObject();
            WriteType(bound, json);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteString("type", "object");
        json.WriteStartObject("properties");
        foreach (var (name, child) in node.Children.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject(name);
            WriteNode(child, json);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private void WriteType(TypeShape shape, Utf8JsonWriter json)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Scalar:
                ScalarSchemas.Write(shape.Scalar!, json);
                break;
            case ShapeKind.Nullable:
                json.WriteStartArray("anyOf");
                json.WriteStartObject();
                WriteType(shape.Element!, json);
                json.WriteEndObject();
                json.WriteStartObject();
                json.WriteString("type", "null");
                json.WriteEndObject();
                json.WriteEndArray();
                break;
            case ShapeKind.Collection when shape.Element!.Kind == ShapeKind.Scalar:
                // A list of scalars may also be one comma-separated value (FeatureFlags: "a, b").
                json.WriteStartArray("anyOf");
                json.WriteStartObject();
                WriteArray(shape, json);
                json.WriteEndObject();
                json.WriteStartObject();
                json.WriteString("type", "string");
                json.WriteString("$comment", "a comma-separated list");
                json.WriteEndObject();
                json.WriteEndArray();
                break;
            case ShapeKind.Collection:
                WriteArray(shape, json);
                break;
            case ShapeKind.Dictionary:
                json.WriteString("type", "object");
                json.WriteStartObject("additionalProperties");
                WriteType(shape.Element!, json);
                json.WriteEndObject();
                break;
            default:
                json.WriteString("$ref", "#/$defs/" + Definition(shape));
                break;
        }
    }

    private void WriteArray(TypeShape shape, Utf8JsonWriter json)
    {
        json.WriteString("type", "array");
        json.WriteStartObject("items");
        WriteType(shape.Element!, json);
        json.WriteEndObject();
    }

    private string Definition(TypeShape shape)
    {
        if (!definitions.TryGetValue(shape.Type, out var name))
        {
            name = shape.Type.Name;
            for (var i = 2; definitions.ContainsValue(name); i++)
            {
                name = $"{shape.Type.Name}{i}";
            }

            definitions[shape.Type] = name;
            pending.Enqueue(shape);
        }

        return name;
    }

    private void WriteObject(TypeShape shape, Utf8JsonWriter json)
    {
        var type = shape.Object;
        json.WriteString("type", "object");
        if (documentation.Of(type.Type) is { } summary)
        {
            json.WriteString("description", summary);
        }

        if (type.Secret)
        {
            json.WriteBoolean("x-secret", true);
        }

        json.WriteStartObject("properties");
        foreach (var member in type.Members)
        {
            json.WriteStartObject(member.Key);
            WriteMember(type.Type, member, json);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        var required = type.Members.Where(m => m.Required || m.Attributes.OfType<RequiredAttribute>().Any()).Select(m => m.Key).ToList();
        if (required.Count > 0)
        {
            json.WriteStartArray("required");
            required.ForEach(json.WriteStringValue);
            json.WriteEndArray();
        }

        // A key the type does not have is a typo the binder warns about: the editor says so too.
        json.WriteBoolean("additionalProperties", false);
    }

    private void WriteMember(Type owner, SettingsMember member, Utf8JsonWriter json)
    {
        var attributes = member.Attributes;
        var collection = member.TypeShape.Kind == ShapeKind.Collection;
        var constraints = attributes.Any(a => a is RangeAttribute or StringLengthAttribute or MinLengthAttribute or MaxLengthAttribute or LengthAttribute or RegularExpressionAttribute or AllowedValuesAttribute);
        if (constraints)
        {
            // The type's own keywords and the attributes' together, each schema checking what it can.
            json.WriteStartArray("allOf");
            json.WriteStartObject();
            WriteType(member.TypeShape, json);
            json.WriteEndObject();
            json.WriteStartObject();
            foreach (var attribute in attributes)
            {
                WriteConstraint(attribute, collection, json);
            }

            json.WriteEndObject();
            json.WriteEndArray();
        }
        else
        {
            WriteType(member.TypeShape, json);
        }

        if (documentation.Of(owner, member.Name) is { } summary)
        {
            json.WriteString("description", summary);
        }

        if (attributes.OfType<EmailAddressAttribute>().Any())
        {
            json.WriteString("format", "email");
        }
        else if (attributes.OfType<UrlAttribute>().Any())
        {
            json.WriteString("format", "uri");
        }

        if (member.Mutable)
        {
            json.WriteBoolean("x-mutable", true);
        }

        if (member.Secret)
        {
            json.WriteBoolean("x-secret", true);
        }
    }

    private static void WriteConstraint(ValidationAttribute attribute, bool collection, Utf8JsonWriter json)
    {
        switch (attribute)
        {
            case RangeAttribute range when Number(range.Minimum) is { } min && Number(range.Maximum) is { } max:
                json.WriteNumber(range.MinimumIsExclusive ? "exclusiveMinimum" : "minimum", min);
                json.WriteNumber(range.MaximumIsExclusive ? "exclusiveMaximum" : "maximum", max);
                break;
            case StringLengthAttribute length:
                json.WriteNumber("maxLength", length.MaximumLength);
                if (length.MinimumLength > 0)
                {
                    json.WriteNumber("minLength", length.MinimumLength);
                }

                break;
            case MinLengthAttribute length:
                json.WriteNumber(collection ? "minItems" : "minLength", length.Length);
                break;
            case MaxLengthAttribute length when length.Length >= 0:
                json.WriteNumber(collection ? "maxItems" : "maxLength", length.Length);
                break;
            case LengthAttribute length:
                json.WriteNumber(collection ? "minItems" : "minLength", length.MinimumLength);
                json.WriteNumber(collection ? "maxItems" : "maxLength", length.MaximumLength);
                break;
            case RegularExpressionAttribute regex:
                // DataAnnotations match the whole value; a JSON Schema pattern matches anywhere.
                json.WriteString("pattern", $"^(?:{regex.Pattern})$");
                break;
            case AllowedValuesAttribute allowed:
                json.WriteStartArray("enum");
                foreach (var value in allowed.Values)
                {
                    json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                }

                json.WriteEndArray();
                break;
        }
    }

    private static double? Number(object? value) => value switch
    {
        int or long or short or byte or double or float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private sealed class Node
    {
        public Dictionary<string, Node> Children { get; } = new(StringComparer.OrdinalIgnoreCase);

        public TypeShape? Shape { get; set; }
    }
}

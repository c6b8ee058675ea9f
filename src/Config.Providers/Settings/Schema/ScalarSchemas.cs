using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Config.Providers.Settings.Coercion;

namespace Config.Providers.Settings.Schema;

/// <summary>
/// The JSON Schema of each row of the coercion table: what the binder accepts, as an editor can check it. Values may
/// be written as JSON/YAML numbers and booleans or as the strings every other source gives (<c>"5432"</c>,
/// <c>yes</c>), so numbers and booleans accept both.
/// </summary>
internal static class ScalarSchemas
{
    private const string Integer = @"^\s*[-+]?[0-9]+\s*$";
    private const string Number = @"^\s*[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*$";

    /// <summary>Writes the keywords (inside an open object) for a scalar of <paramref name="converter"/>.</summary>
    public static void Write(ScalarConverter converter, Utf8JsonWriter json)
    {
        var type = converter.Type;
        if (converter.TypeName == "byte size")
        {
            Types(json, "integer", "string");
            json.WriteString("pattern", ByteSizeParser.SchemaPattern);
            json.WriteString("x-format", "byte-size");
            json.WriteString("$comment", "A byte size: " + ByteSizeParser.Forms);
        }
        else if (type == typeof(string))
        {
            json.WriteString("type", "string");
        }
        else if (type == typeof(bool))
        {
            json.WriteStartArray("anyOf");
            json.WriteStartObject();
            json.WriteString("type", "boolean");
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("type", "string");
            json.WriteString("pattern", "^\\s*(?:" + string.Join('|', new[] { "true", "false", "yes", "no", "on", "off", "1", "0" }.Select(AnyCase)) + ")\\s*$");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        else if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(sbyte) || type == typeof(Int128))
        {
            Types(json, "integer", "string");
            json.WriteString("pattern", Integer);
        }
        else if (type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(byte) || type == typeof(UInt128))
        {
            Types(json, "integer", "string");
            json.WriteString("pattern", Integer);
            json.WriteNumber("minimum", 0);
        }
        else if (type == typeof(double) || type == typeof(float) || type == typeof(decimal) || type == typeof(Half))
        {
            Types(json, "number", "string");
            json.WriteString("pattern", Number);
        }
        else if (type == typeof(TimeSpan))
        {
            json.WriteString("type", "string");
            json.WriteString("pattern", DurationParser.SchemaPattern);
            json.WriteString("x-format", "duration");
            json.WriteString("$comment", "A duration: " + DurationParser.Forms);
        }
        else if (type.IsEnum)
        {
            WriteEnum(type, json);
        }
        else
        {
            json.WriteString("type", "string");
            if (Format(type) is { } format)
            {
                json.WriteString("format", format);
            }

            if (type == typeof(EndPoint) || type == typeof(DnsEndPoint) || type == typeof(IPEndPoint))
            {
                json.WriteString("pattern", @"^\s*(?:\[[0-9A-Fa-f:.]+\]|[^\s:\[\]]+):[0-9]{1,5}\s*$");
                json.WriteString("$comment", "An endpoint: " + EndpointParser.Forms);
            }
            else if (type == typeof(X509Certificate2))
            {
                json.WriteString("contentMediaType", "application/x-pem-file");
                json.WriteString("$comment", "A PEM certificate, with its private key after it when the service needs one");
            }
            else if (type == typeof(char))
            {
                json.WriteNumber("minLength", 1);
                json.WriteNumber("maxLength", 1);
            }
        }
    }

    private static string? Format(Type type) =>
        type == typeof(Uri) ? "uri"
        : type == typeof(Guid) ? "uuid"
        : type == typeof(DateTimeOffset) || type == typeof(DateTime) ? "date-time"
        : type == typeof(DateOnly) ? "date"
        : null;

    /// <summary>
    /// Names as declared and in kebab case (for completion), and a pattern for every spelling the binder takes: any case,
    /// with <c>-</c> and <c>_</c> anywhere (<c>read-only</c>, <c>READ_ONLY</c>, <c>ReadOnly</c>).
    /// </summary>
    private static void WriteEnum(Type type, Utf8JsonWriter json)
    {
        var names = Enum.GetNames(type);
        if (type.IsDefined(typeof(FlagsAttribute), inherit: false))
        {
            json.WriteString("type", "string");
            json.WriteString("$comment", $"One or more of {string.Join(", ", names)}, separated by ',' or '|'");
            return;
        }

        json.WriteStartArray("anyOf");
        json.WriteStartObject();
        json.WriteStartArray("enum");
        foreach (var spelling in names.SelectMany(n => new[] { n, Kebab(n) }).Distinct(StringComparer.Ordinal))
        {
            json.WriteStringValue(spelling);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("type", "string");
        json.WriteString("pattern", "^\\s*[-_]*(?:" + string.Join('|', names.Select(n => string.Concat(n.Where(char.IsLetterOrDigit).Select(c => AnyCase(c.ToString()) + "[-_]*")))) + ")\\s*$");
        json.WriteEndObject();
        json.WriteEndArray();
    }

    /// <summary><c>ReadOnly</c> → <c>read-only</c>.</summary>
    internal static string Kebab(string name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    /// <summary><c>yes</c> → <c>[yY][eE][sS]</c>: ECMA-262 patterns have no case-insensitive flag.</summary>
    private static string AnyCase(string text) =>
        string.Concat(text.Select(c => char.IsLetter(c) ? $"[{char.ToLowerInvariant(c)}{char.ToUpperInvariant(c)}]" : c.ToString()));

    private static void Types(Utf8JsonWriter json, params string[] types)
    {
        json.WriteStartArray("type");
        foreach (var type in types)
        {
            json.WriteStringValue(type);
        }

        json.WriteEndArray();
    }
}

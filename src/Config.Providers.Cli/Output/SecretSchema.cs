using System.Text.Json;

namespace Config.Providers.Cli.Output;

/// <summary>
/// The keys a service marks secret, read from the JSON Schema its <c>--settings-schema</c> writes (<c>x-secret</c>):
/// the tool does not know the service's types, so a <c>[Secret]</c> member whose name does not look secret
/// (<c>Payments:Signing</c>) is masked only with this. Paths follow <c>$ref</c>, list items and dictionary values
/// (either matches any key there).
/// </summary>
internal sealed class SecretSchema
{
    private const int DeepestPath = 32;
    private readonly List<string[]> paths = [];

    private SecretSchema()
    {
    }

    /// <summary>Reads <paramref name="file"/>; a file that is not such a schema is a <see cref="FormatException"/> naming it.</summary>
    public static SecretSchema Load(string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(file));
        }
        catch (JsonException e)
        {
            throw new FormatException($"{file}: not a JSON Schema (line {e.LineNumber + 1}): write it with the service's --settings-schema");
        }

        using (document)
        {
            var schema = new SecretSchema();
            var definitions = document.RootElement.TryGetProperty("$defs", out var defs) ? defs : default;
            schema.Walk(document.RootElement, [], definitions, 0);
            return schema;
        }
    }

    /// <summary>Whether <paramref name="key"/> (a configuration path) is, or is under, a member the schema marks secret.</summary>
    public bool IsSecret(string key)
    {
        var segments = key.Split(':');
        return paths.Any(path => path.Length <= segments.Length && path.Select((p, i) => p == "*" || p.Equals(segments[i], StringComparison.OrdinalIgnoreCase)).All(match => match));
    }

    private void Walk(JsonElement node, List<string> path, JsonElement definitions, int depth)
    {
        if (node.ValueKind != JsonValueKind.Object || depth > DeepestPath)
        {
            return;
        }

        if (node.TryGetProperty("x-secret", out var secret) && secret.ValueKind == JsonValueKind.True)
        {
            paths.Add([.. path]);
            return;
        }

        if (node.TryGetProperty("$ref", out var reference) && reference.GetString() is { } target
            && target.StartsWith("#/$defs/", StringComparison.Ordinal) && definitions.ValueKind == JsonValueKind.Object
            && definitions.TryGetProperty(target["#/$defs/".Length..], out var definition))
        {
            Walk(definition, path, definitions, depth + 1);
        }

        if (node.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                path.Add(property.Name);
                Walk(property.Value, path, definitions, depth + 1);
                path.RemoveAt(path.Count - 1);
            }
        }

        foreach (var (name, wildcard) in new[] { ("items", true), ("additionalProperties", true) })
        {
            if (wildcard && node.TryGetProperty(name, out var inner) && inner.ValueKind == JsonValueKind.Object)
            {
                path.Add("*");
                Walk(inner, path, definitions, depth + 1);
                path.RemoveAt(path.Count - 1);
            }
        }

        foreach (var combination in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (node.TryGetProperty(combination, out var alternatives) && alternatives.ValueKind == JsonValueKind.Array)
            {
                foreach (var alternative in alternatives.EnumerateArray())
                {
                    Walk(alternative, path, definitions, depth + 1);
                }
            }
        }
    }
}

using System.Text.Json;
using Config.Providers.Conformance.Support;

namespace Config.Providers.Conformance.EnvFiles;

/// <summary>
/// One env-file case of a suite: a file's text and either the values its owners' parser gives or that it refuses the
/// file (at <see cref="Line"/> when the suite says where). <see cref="Environment"/> is the process environment the case runs with (for interpolation and inherited names).
/// </summary>
internal sealed record EnvFileSuiteCase(string Name, string Input, IReadOnlyDictionary<string, string>? Expect, bool Rejected, int? Line, IReadOnlyDictionary<string, string> Environment)
{
    public static IReadOnlyList<EnvFileSuiteCase> Load(string suite, string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Suites.Directory(suite), file)));
        var fixtures = Path.Combine(Suites.Directory(suite), "fixtures");
        return json.RootElement.GetProperty("cases").EnumerateArray().Select(c => new EnvFileSuiteCase(
            c.GetProperty("name").GetString()!,
            c.TryGetProperty("fixture", out var fixture) ? File.ReadAllText(Path.Combine(fixtures, fixture.GetString()!)) : c.GetProperty("input").GetString()!,
            c.TryGetProperty("expect", out var expect) ? Map(expect) : null,
            c.TryGetProperty("rejected", out var rejected) && rejected.GetBoolean(),
            c.TryGetProperty("line", out var line) ? line.GetInt32() : null,
            c.TryGetProperty("environment", out var environment) ? Map(environment) : new Dictionary<string, string>())).ToList();
    }

    private static Dictionary<string, string> Map(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

    public override string ToString() => Name;
}

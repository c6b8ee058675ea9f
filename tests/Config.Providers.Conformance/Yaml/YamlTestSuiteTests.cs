using System.Globalization;
using System.Text.Json;
using Config.Providers.Conformance.Support;
using Config.Providers.Core;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Conformance.Yaml;

/// <summary>
/// yaml-test-suite against <c>AddYamlFile</c>: every invalid file is rejected; every file whose JSON is one mapping
/// reads as that JSON, key by key; every other shape (a sequence or scalar at the top, several documents, keys JSON
/// cannot hold) is rejected by the documented rules (docs/providers/yaml.md). The cases that differ are listed, with
/// their reason, in <see cref="YamlTestSuiteDifferences"/>; a listed case that starts passing fails too.
/// </summary>
public class YamlTestSuiteTests
{
    public static TheoryData<string> Cases() => new(YamlTestSuiteCase.All.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string id)
    {
        var suiteCase = YamlTestSuiteCase.All.Single(c => c.Id == id);
        var outcome = Run(suiteCase);
        if (YamlTestSuiteDifferences.Known.TryGetValue(id, out var known))
        {
            Assert.True(outcome is not null, $"{suiteCase}: listed as a known difference ({known}) but now passes: remove it from the list");
            return;
        }

        Assert.True(outcome is null, $"{suiteCase}: {outcome}");
    }

    [Fact]
    public void The_suite_is_all_there()
    {
        // The vendored data of 2022-01-17 (suites/README.md): 402 cases, 94 of them invalid.
        Assert.Equal(402, YamlTestSuiteCase.All.Count);
        Assert.Equal(94, YamlTestSuiteCase.All.Count(c => c.Invalid));
        Assert.All(YamlTestSuiteDifferences.Known.Keys, id => Assert.Contains(YamlTestSuiteCase.All, c => c.Id == id));
    }

    /// <summary>Null when the provider does what the suite says; otherwise what it did instead.</summary>
    internal static string? Run(YamlTestSuiteCase suiteCase)
    {
        IConfigurationRoot? configuration = null;
        ConfigurationFormatException? error = null;
        try
        {
            configuration = new ConfigurationBuilder().AddYamlFile(suiteCase.YamlPath).Build();
        }
        catch (ConfigurationFormatException e)
        {
            error = e;
        }
        catch (Exception e)
        {
            return $"threw {e.GetType().Name} instead of a located format error: {e.Message}";
        }

        if (suiteCase.Invalid)
        {
            return error is null ? "an invalid file was accepted" : null;
        }

        if (suiteCase.Json is [] or [{ ValueKind: JsonValueKind.Null }])
        {
            // An empty stream (only comments, or nothing) or one empty document ("---" alone): an empty configuration.
            return error is not null ? $"an empty file was rejected: {error.Message}" : Leaves(configuration!).Count == 0 ? null : "an empty file gave keys";
        }

        if (!suiteCase.InScope)
        {
            return error is null ? "a file the provider does not read (not one mapping at the top) was accepted" : null;
        }

        if (error is not null)
        {
            return $"rejected: {error.Message}";
        }

        var expected = new Dictionary<string, JsonElement?>(StringComparer.OrdinalIgnoreCase);
        Flatten(suiteCase.Json![0], null, expected);
        var actual = Leaves(configuration!);
        foreach (var (key, value) in expected)
        {
            if (!actual.TryGetValue(key, out var ours))
            {
                return $"key '{key}' is missing";
            }

            if (!SameScalar(value, ours))
            {
                return $"key '{key}': expected {value?.GetRawText() ?? "null"}, read {(ours is null ? "null" : $"\"{ours}\"")}";
            }
        }

        var extra = actual.Keys.FirstOrDefault(key => !expected.ContainsKey(key));
        return extra is null ? null : $"extra key '{extra}'";
    }

    private static Dictionary<string, string?> Leaves(IConfigurationRoot configuration) => ConfigurationLeaves.Of(configuration);

    /// <summary>The configuration keys a JSON value becomes (docs/providers/yaml.md#mapping); null stands for JSON null.</summary>
    private static void Flatten(JsonElement element, string? path, Dictionary<string, JsonElement?> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when path is null && !element.EnumerateObject().Any():
                // The top mapping, empty: no keys.
                break;
            case JsonValueKind.Object when element.EnumerateObject().Any():
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, path is null ? property.Name : path + ":" + property.Name, into);
                }

                break;
            case JsonValueKind.Array when element.GetArrayLength() > 0:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, (path is null ? "" : path + ":") + index++.ToString(CultureInfo.InvariantCulture), into);
                }

                break;
            case JsonValueKind.Null:
                into[path!] = null;
                break;
            default:
                into[path!] = element;
                break;
        }
    }

    /// <summary>
    /// The provider keeps each scalar's text as written (YAML's core schema decides its type only when bound), so a
    /// JSON number or boolean matches the YAML forms the core schema reads as that value.
    /// </summary>
    private static bool SameScalar(JsonElement? expected, string? actual)
    {
        if (expected is not { } json)
        {
            return actual is null;
        }

        if (actual is null)
        {
            return false;
        }

        return json.ValueKind switch
        {
            JsonValueKind.Object or JsonValueKind.Array => actual.Length == 0,
            JsonValueKind.String => json.GetString() == actual,
            JsonValueKind.True => actual is "true" or "True" or "TRUE",
            JsonValueKind.False => actual is "false" or "False" or "FALSE",
            JsonValueKind.Number => SameNumber(json.GetDouble(), actual),
            _ => false,
        };
    }

    private static bool SameNumber(double expected, string actual)
    {
        if (actual.StartsWith("0o", StringComparison.Ordinal))
        {
            return Convert.ToInt64(actual[2..], 8) == expected;
        }

        if (actual.StartsWith("0x", StringComparison.Ordinal))
        {
            return long.Parse(actual[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == expected;
        }

        return double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value == expected;
    }
}

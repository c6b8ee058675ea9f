using System.Text.Json;
using Config.Providers.Conformance.Support;

namespace Config.Providers.Conformance.Yaml;

/// <summary>One yaml-test-suite case: its YAML, the JSON it stands for (when it has one) and whether it is invalid.</summary>
internal sealed record YamlTestSuiteCase(string Id, string Name, string YamlPath, bool Invalid, IReadOnlyList<JsonElement>? Json)
{
    public static IReadOnlyList<YamlTestSuiteCase> All { get; } = Load();

    /// <summary>What the provider is for: one document whose top is a mapping.</summary>
    public bool InScope => !Invalid && Json is [{ ValueKind: JsonValueKind.Object }];

    private static List<YamlTestSuiteCase> Load()
    {
        var data = Path.Combine(Suites.Directory("yaml-test-suite"), "data");
        var cases = new List<YamlTestSuiteCase>();
        foreach (var yaml in System.IO.Directory.EnumerateFiles(data, "in.yaml", SearchOption.AllDirectories))
        {
            var folder = Path.GetDirectoryName(yaml)!;
            var id = Path.GetRelativePath(data, folder).Replace(Path.DirectorySeparatorChar, '-');
            var nameFile = File.Exists(Path.Combine(folder, "===")) ? Path.Combine(folder, "===") : Path.Combine(Path.GetDirectoryName(folder)!, "===");
            var name = File.Exists(nameFile) ? File.ReadAllText(nameFile).Trim() : id;
            var json = Path.Combine(folder, "in.json");
            cases.Add(new YamlTestSuiteCase(
                id,
                name,
                yaml,
                File.Exists(Path.Combine(folder, "error")),
                File.Exists(json) ? ReadDocuments(File.ReadAllBytes(json)) : null));
        }

        cases.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return cases;
    }

    /// <summary>in.json holds one JSON value per YAML document (none for an empty stream).</summary>
    private static List<JsonElement> ReadDocuments(byte[] utf8)
    {
        var documents = new List<JsonElement>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            documents.Add(JsonElement.ParseValue(ref reader));
        }

        return documents;
    }

    public override string ToString() => $"{Id} ({Name})";
}

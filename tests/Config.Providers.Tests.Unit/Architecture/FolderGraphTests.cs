using Config.Providers.Tests.Support;

namespace Config.Providers.Tests.Architecture;

/// <summary>
/// The layers and cycles rule on source folders, read from the compiled library (with its PDB) — every type, the root
/// namespace and the <c>Add…</c> classes in the framework's namespaces included: no folder reaches back to itself
/// through any path, and no folder references a folder of a higher layer (docs/architecture.md).
/// </summary>
public sealed class FolderGraphTests
{
    /// <summary>The layers, lowest first, by top-level folder.</summary>
    internal static readonly (string Layer, string[] Folders)[] Layers =
    [
        ("core", ["Core", "Diagnostics"]),
        ("formats", ["Formats"]),
        ("providers", ["Files", "EnvFiles", "Yaml", "DotCloud", "Consul", "Serf", "VersionedFiles"]),
        ("settings", ["Settings"]),
        ("wiring", ["Discovery", "Checking", "Health", "Inspection"]),
        ("hosting", ["Hosting"]),
    ];

    private static readonly Lazy<FolderGraph> Graph = new(() => FolderGraph.Read(
        typeof(MutableAttribute).Assembly.Location,
        Path.Combine(RepositoryRoot.Path, "src", "Config.Providers")));

    private static int LayerOf(string folder)
    {
        var top = folder.Split('/')[0];
        var layer = Array.FindIndex(Layers, l => l.Folders.Contains(top));
        Assert.True(layer >= 0, $"folder {folder} is in no layer (add it to FolderGraphTests.Layers and docs/architecture.md)");
        return layer;
    }

    [Fact]
    public void Every_folder_belongs_to_a_layer_and_every_type_to_a_folder()
    {
        Assert.NotEmpty(Graph.Value.Folders);
        Assert.All(Graph.Value.Folders, folder => LayerOf(folder));
        Assert.Contains("Hosting", Graph.Value.Folders);            // AddServiceDiscovery, in the framework's namespace
        Assert.Contains("Settings/Attributes", Graph.Value.Folders); // the root namespace's MutableAttribute
    }

    [Fact]
    public void No_folder_references_a_folder_of_a_higher_layer()
    {
        var upward = Graph.Value.Edges
            .SelectMany(e => e.Value.Where(to => LayerOf(to.Key) > LayerOf(e.Key)).Select(to => $"{e.Key} → {to.Key} ({to.Value})"))
            .ToList();
        Assert.True(upward.Count == 0, "references to a higher layer:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void Providers_reference_no_other_provider_but_the_shared_file_base()
    {
        var providers = Layers.Single(l => l.Layer == "providers").Folders;
        var across = Graph.Value.Edges
            .Where(e => providers.Contains(e.Key.Split('/')[0]))
            .SelectMany(e => e.Value
                .Where(to => providers.Contains(to.Key.Split('/')[0]) && to.Key.Split('/')[0] != "Files" && to.Key.Split('/')[0] != e.Key.Split('/')[0])
                .Select(to => $"{e.Key} → {to.Key} ({to.Value})"))
            .ToList();
        Assert.True(across.Count == 0, "providers referencing each other:\n" + string.Join("\n", across));
    }

    [Fact]
    public void No_folders_form_a_cycle_of_any_length()
    {
        var cycles = FolderGraph.Cycles(Graph.Value.Edges.ToDictionary(e => e.Key, e => (IEnumerable<string>)e.Value.Keys, StringComparer.Ordinal));
        var shown = cycles.Select(c => string.Join(" ⇄ ", c) + ":\n  " + string.Join("\n  ",
            c.SelectMany(from => Graph.Value.Edges.GetValueOrDefault(from, []).Where(to => c.Contains(to.Key)).Select(to => $"{from} → {to.Key}: {to.Value}"))));
        Assert.True(cycles.Count == 0, "folders in a cycle:\n" + string.Join("\n", shown));
    }

    [Fact]
    public void The_cycle_finder_finds_a_three_folder_cycle_and_passes_a_chain()
    {
        // The deliberate back-edge: C → A closes A → B → C, which pair rules (A ⇄ B only) never see.
        var chain = new Dictionary<string, IEnumerable<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["D"] };
        Assert.Empty(FolderGraph.Cycles(chain));

        chain["C"] = ["D", "A"];
        Assert.Equal(["A", "B", "C"], Assert.Single(FolderGraph.Cycles(chain)));
    }

    [Fact]
    public void Docs_architecture_names_every_top_level_folder_the_graph_sees()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "architecture.md"));
        var missing = Graph.Value.Folders.Select(f => f.Split('/')[0]).Distinct().Where(f => !text.Contains(f + "/", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "docs/architecture.md does not show: " + string.Join(", ", missing));
    }
}

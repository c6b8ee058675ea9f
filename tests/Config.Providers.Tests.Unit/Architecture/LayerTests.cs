using NetArchTest.Rules;

namespace Config.Providers.Tests.Architecture;

/// <summary>
/// The library's layers look only down (docs/architecture.md): core → formats → providers → settings → wiring → hosting. A type of a
/// lower layer that references a higher one, or a provider that references another, fails here, naming both.
/// </summary>
public sealed class LayerTests
{
    private static readonly System.Reflection.Assembly Library = typeof(MutableAttribute).Assembly;

    /// <summary>
    /// Each layer, by namespace (with the namespaces below it) or — for the public types kept in the root namespace
    /// <c>Config.Providers</c> (names others depend on) — by exact full type name.
    /// </summary>
    private static readonly (string Layer, string[] Names)[] Layers =
    [
        ("core", ["Config.Providers.Core", "Config.Providers.Diagnostics", "Config.Providers.IConfigurationOrigins"]),
        ("formats", ["Config.Providers.Formats"]),
        ("providers", ["Config.Providers.Files", "Config.Providers.EnvFiles", "Config.Providers.Yaml", "Config.Providers.DotCloud", "Config.Providers.Consul", "Config.Providers.Serf", "Config.Providers.VersionedFiles"]),
        ("settings",
        [
            "Config.Providers.Settings", "Config.Providers.MutableAttribute", "Config.Providers.SecretAttribute", "Config.Providers.ByteSizeAttribute",
            "Config.Providers.SettingsOptions", "Config.Providers.UnknownKeyPolicy", "Config.Providers.PendingRestartPolicy",
            "Config.Providers.ISettingsChangeFeed", "Config.Providers.SettingsReloadReport", "Config.Providers.SettingChange",
            "Config.Providers.ReloadOutcome", "Config.Providers.ChangeDisposition",
        ]),
        ("wiring",
        [
            "Config.Providers.Discovery", "Config.Providers.Checking", "Config.Providers.Health", "Config.Providers.Inspection", "Config.Providers.ServiceEndpoint", "Config.Providers.ServiceEndpoints",
            "Config.Providers.ServiceDiscoveryOptions",
        ]),
        ("hosting", ["Config.Providers.Hosting", "Microsoft.Extensions.Hosting.ServiceDiscoveryHostingExtensions"]),
    ];

    public static TheoryData<string> LowerLayers => new() { "core", "formats", "providers", "settings", "wiring" };

    [Theory]
    [MemberData(nameof(LowerLayers))]
    public void A_layer_never_references_a_higher_one(string layer)
    {
        var index = Array.FindIndex(Layers, l => l.Layer == layer);
        var higher = Layers.Skip(index + 1).SelectMany(l => l.Names).ToArray();
        var failing = Layers[index].Names.SelectMany(name => Select(name).ShouldNot().HaveDependencyOnAny(higher).GetResult().FailingTypeNames ?? []).ToList();
        Assert.True(failing.Count == 0, $"{layer} types that reference a higher layer ({string.Join(", ", higher)}):\n{string.Join("\n", failing)}");
    }

    [Fact]
    public void The_core_references_no_provider_and_settings_reference_no_provider()
    {
        var providers = Layers.Single(l => l.Layer == "providers").Names;
        foreach (var layer in new[] { "core", "settings" })
        {
            var failing = Layers.Single(l => l.Layer == layer).Names
                .SelectMany(name => Select(name).ShouldNot().HaveDependencyOnAny(providers).GetResult().FailingTypeNames ?? []).ToList();
            Assert.True(failing.Count == 0, $"{layer} types that reference a provider:\n{string.Join("\n", failing)}");
        }
    }

    [Fact]
    public void Providers_reference_only_the_core_and_the_shared_file_base()
    {
        var providers = Layers.Single(l => l.Layer == "providers").Names;
        var problems = new List<string>();
        foreach (var from in providers)
        {
            foreach (var to in providers.Where(p => p != from && p != "Config.Providers.Files"))
            {
                var failing = Select(from).ShouldNot().HaveDependencyOn(to).GetResult().FailingTypeNames ?? [];
                problems.AddRange(failing.Select(t => $"{t} → {to}"));
            }
        }

        Assert.True(problems.Count == 0, "providers referencing each other:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void No_two_namespaces_reference_each_other()
    {
        var namespaces = Library.GetTypes()
            .Select(t => t.Namespace)
            .Where(n => n is not null && n.StartsWith("Config.Providers.", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var cycles = new List<string>();
        for (var i = 0; i < namespaces.Count; i++)
        {
            for (var j = i + 1; j < namespaces.Count; j++)
            {
                if (References(namespaces[i]!, namespaces[j]!) && References(namespaces[j]!, namespaces[i]!))
                {
                    cycles.Add($"{namespaces[i]} ↔ {namespaces[j]}");
                }
            }
        }

        Assert.True(cycles.Count == 0, "namespaces that reference each other:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Every_root_namespace_type_belongs_to_a_layer()
    {
        var assigned = Layers.SelectMany(l => l.Names).ToList();
        var unassigned = Library.GetTypes()
            .Where(t => t.Namespace == "Config.Providers" && !t.IsNested && !t.Name.StartsWith('<'))
            .Select(t => t.FullName!)
            .Where(name => !assigned.Contains(name))
            .ToList();
        Assert.True(unassigned.Count == 0, "root-namespace types in no layer (add them to Layers):\n" + string.Join("\n", unassigned));
    }

    /// <summary>Types in a namespace (and below), or the one type of that full name.</summary>
    private static PredicateList Select(string name)
    {
        var types = Types.InAssembly(Library).That();
        if (Library.GetTypes().Any(t => t.Namespace == name || t.Namespace?.StartsWith(name + ".", StringComparison.Ordinal) == true))
        {
            return types.ResideInNamespace(name);
        }

        var lastDot = name.LastIndexOf('.');
        return types.HaveName(name[(lastDot + 1)..]).And().ResideInNamespaceMatching("^" + System.Text.RegularExpressions.Regex.Escape(name[..lastDot]) + "$");
    }

    private static bool References(string from, string to) =>
        !Types.InAssembly(Library).That().ResideInNamespaceMatching("^" + System.Text.RegularExpressions.Regex.Escape(from) + "$")
            .ShouldNot().HaveDependencyOn(to).GetResult().IsSuccessful
        && Library.GetTypes().Any(t => t.Namespace == to);
}

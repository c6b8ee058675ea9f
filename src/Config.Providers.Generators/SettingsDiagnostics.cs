using Microsoft.CodeAnalysis;

namespace Config.Providers.Generators;

/// <summary>What the settings source generator reports at compile time (documented in docs/aot.md).</summary>
internal static class SettingsDiagnostics
{
    private const string Category = "Config.Providers.Settings";

    public static readonly DiagnosticDescriptor BoundByReflection = new(
        "CPS1001",
        "Settings type is bound by reflection",
        "AddSettings<{0}> is bound by reflection, not generated code: {1}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The generator cannot describe this settings type, so this call keeps the reflection path, which is neither trim- nor AOT-safe.");

    public static readonly DiagnosticDescriptor NeverBound = new(
        "CPS1002",
        "Settings member is never bound",
        "'{0}.{1}' is never bound: it has no public setter and is neither a constructor parameter nor a collection filled in place, so its attributes have no effect",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor SecretSubtree = new(
        "CPS1003",
        "[Secret] on a member that is not a single value",
        "[Secret] on '{0}.{1}' of type {2} masks every value below it",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ParameterWithoutProperty = new(
        "CPS1004",
        "Constructor parameter has no property",
        "Constructor parameter '{1}' of '{0}' has no property of the same name: it is bound from key '{2}', but it cannot be read back, so DataAnnotations on it are not checked",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InitializedCollectionReplaced = new(
        "CPS1005",
        "Collection initializer is replaced, not added to",
        "'{0}.{1}' starts with {2} item(s): when configuration sets this collection they are replaced, not added to as ConfigurationBinder would (docs/settings.md)",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A reload must give what a start gives, so configured items replace the initializer's instead of appending to them. Keep defaults in the initializer only if a configured collection should replace them, or move them into configuration.");

    /// <summary>The descriptor with <paramref name="id"/>.</summary>
    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "CPS1001" => BoundByReflection,
        "CPS1002" => NeverBound,
        "CPS1003" => SecretSubtree,
        "CPS1004" => ParameterWithoutProperty,
        "CPS1005" => InitializedCollectionReplaced,
        _ => throw new System.ArgumentException($"no descriptor {id}", nameof(id)),
    };
}

using System.Reflection;
using Config.Providers.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Config.Providers.Tests.Generators;

/// <summary>The settings source generator run on code written here: what it generates, and what it reports.</summary>
public sealed class SettingsGeneratorTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using Config.Providers;
        using Microsoft.Extensions.DependencyInjection;

        """;

    private static IIncrementalGenerator NewGenerator()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var path = Path.Combine(RepositoryRoot.Path, "src/Config.Providers.Generators/bin", configuration, "netstandard2.0/Config.Providers.Generators.dll");
        var type = Assembly.LoadFrom(path).GetType("Config.Providers.Generators.SettingsGenerator", throwOnError: true)!;
        return (IIncrementalGenerator)Activator.CreateInstance(type)!;
    }

    private static (Compilation Output, IReadOnlyList<Diagnostic> Reported) Run(string source, bool enabled = true, LanguageVersion language = LanguageVersion.Preview)
    {
        var options = new CSharpParseOptions(language).WithFeatures([new("InterceptorsNamespaces", "Config.Providers.Generated")]);
        var compilation = CSharpCompilation.Create(
            "Sample",
            [CSharpSyntaxTree.ParseText(Usings + source, options, path: "Sample.cs")],
            TestReferences.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create([NewGenerator().AsSourceGenerator()], parseOptions: options, optionsProvider: new Options(enabled));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var reported);
        return (output, reported);
    }

    [Fact]
    public void An_edit_that_changes_no_call_leaves_the_generated_source_cached_and_one_that_does_regenerates_it()
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview).WithFeatures([new("InterceptorsNamespaces", "Config.Providers.Generated")]);
        var sample = CSharpSyntaxTree.ParseText(Usings + """
            public sealed class App { public int Level { get; set; } }
            public static class Startup
            {
                public static void Configure(IServiceCollection services) => services.AddSettings<App>("App");
            }
            """, options, path: "Sample.cs");
        var other = CSharpSyntaxTree.ParseText("public static class Other { public static int Answer => 42; }", options, path: "Other.cs");
        var compilation = CSharpCompilation.Create("Sample", [sample, other], TestReferences.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [NewGenerator().AsSourceGenerator()],
            parseOptions: options,
            optionsProvider: new Options(true),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);

        // An unrelated edit: the calls are worked out again, compare equal, and the source output is taken from the cache.
        var unrelated = compilation.ReplaceSyntaxTree(other, other.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From("public static class Other { public static int Answer => 43; }")));
        driver = driver.RunGenerators(unrelated);
        var run = driver.GetRunResult().Results.Single();
        Assert.All(run.TrackedSteps["AllCalls"].SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.All(run.TrackedSteps["Output"].SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.Single(run.GeneratedSources);

        // An edit to the settings type: the output is regenerated (the check above can fail).
        var changedSample = sample.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(sample.ToString().Replace("public int Level { get; set; }", "public int Level { get; set; } public string? Name { get; set; }", StringComparison.Ordinal)));
        driver = driver.RunGenerators(unrelated.ReplaceSyntaxTree(unrelated.SyntaxTrees.First(t => t.FilePath == "Sample.cs"), changedSample));
        run = driver.GetRunResult().Results.Single();
        Assert.Contains(run.TrackedSteps["Output"].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("Name", run.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void Generated_code_compiles_and_intercepts_each_call()
    {
        var (output, reported) = Run("""
            public sealed record Database(string Host, int Port = 5432, [property: Secret] string? Password = null);
            public enum Mode { Fast, Safe }
            public sealed class App
            {
                public required Database Database { get; init; }
                public List<int> Ports { get; } = [];
                public Dictionary<string, int> Limits { get; set; } = new();
                [Mutable, Range(1, 10)] public int Level { get; set; }
                public Mode Mode { get; set; } = Mode.Safe;
                [ByteSize] public long MaxBody { get; set; }
            }
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddSettings<App>("App");
                    services.AddSettings<App>("other", "Other");
                }
            }
            """);

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(reported);
        var generated = output.SyntaxTrees.Single(t => t.FilePath.EndsWith("ConfigProvidersSettings.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Equal(2, generated.Split("InterceptsLocation(1,").Length - 1);
        Assert.Contains("new global::System.ComponentModel.DataAnnotations.RangeAttribute(1, 10)", generated);
        Assert.Contains("SettingsShapes.ByteSize<long>()", generated);
    }

    [Theory]
    [InlineData("[MinLength(1)] public List<int> Ports { get; set; } = [];", true)]
    [InlineData("[MaxLength(8)] public string[] Tags { get; set; } = [];", true)]
    [InlineData("[Length(2, 16)] public string Region { get; set; } = \"eu\";", true)]
    [InlineData("[MinLength(1)] public IReadOnlyList<int> Ports { get; set; } = [];", true)]
    [InlineData("[MinLength(1)] public Counted Bag { get; set; } = new();", false)]   // found by reflection: the warning stays
    [InlineData("[Range(1, 10)] public int Level { get; set; }", false)]
    public void Length_attributes_on_strings_and_collections_add_no_trim_warning_from_generated_code(string member, bool suppressed)
    {
        var (output, _) = Run($$"""
            public sealed class Counted { public int Count { get; set; } }
            public sealed class App { {{member}} }
            public static class Startup
            {
                public static void Configure(IServiceCollection services) => services.AddSettings<App>("App");
            }
            """);

        var generated = output.SyntaxTrees.Single(t => t.FilePath.EndsWith("ConfigProvidersSettings.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Equal(suppressed, generated.Contains("UnconditionalSuppressMessage(\"Trimming\", \"IL2026\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("public List<string> Hosts { get; set; } = [\"a\", \"b\"];", 2)]
    [InlineData("public List<string> Hosts { get; } = new() { \"a\" };", 1)]
    [InlineData("public string[] Hosts { get; set; } = new[] { \"a\", \"b\", \"c\" };", 3)]
    [InlineData("public Dictionary<string, int> Limits { get; set; } = new() { [\"a\"] = 1 };", 1)]
    [InlineData("public List<string> Hosts { get; set; } = [];", 0)]
    [InlineData("public List<string> Hosts { get; set; } = new();", 0)]
    [InlineData("public string Name { get; set; } = \"x\";", 0)]
    public void A_collection_initialised_with_items_is_reported_as_replaced_by_configuration(string member, int items)
    {
        var (output, reported) = Run($$"""
            public sealed class App { {{member}} }
            public static class Startup
            {
                public static void Configure(IServiceCollection services) => services.AddSettings<App>("App");
            }
            """);

        var warning = reported.Concat(output.GetDiagnostics()).SingleOrDefault(d => d.Id == "CPS1005");
        if (items == 0)
        {
            Assert.Null(warning);
        }
        else
        {
            Assert.NotNull(warning);
            Assert.Contains($"starts with {items} item(s)", warning.GetMessage());
        }
    }

    [Fact]
    public void Self_referencing_and_mutually_recursive_types_are_generated_once_each()
    {
        var (output, reported) = Run("""
            public sealed class Node { public string Name { get; set; } = ""; public Node? Child { get; set; } public List<Node> Children { get; } = []; }
            public sealed class Team { public Person? Lead { get; set; } }
            public sealed record Person(string Name, Team? Team = null);
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddSettings<Node>("Tree");
                    services.AddSettings<Team>("Team");
                }
            }
            """);

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(reported);
        var generated = output.SyntaxTrees.Single(t => t.FilePath.EndsWith("ConfigProvidersSettings.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Equal(2, generated.Split("InterceptsLocation(1,").Length - 1);
        Assert.Equal(1, generated.Split("SettingsShapes.Object<global::Node>(").Length - 1);
        Assert.Equal(1, generated.Split("SettingsShapes.Object<global::Person>(").Length - 1);
    }

    [Fact]
    public void Types_it_cannot_describe_stay_on_reflection_with_a_warning_that_says_why()
    {
        var (output, reported) = Run("""
            public sealed class Loose { public object? Anything { get; set; } }
            public static class Startup { public static void Configure(IServiceCollection services) => services.AddSettings<Loose>("Loose"); }
            """);

        var warning = Assert.Single(reported);
        Assert.Equal(("CPS1001", DiagnosticSeverity.Warning), (warning.Id, warning.Severity));
        Assert.Equal("AddSettings<Loose> is bound by reflection, not generated code: Loose.Anything: object cannot be bound: use a concrete class, record or struct", warning.GetMessage());
        Assert.DoesNotContain(output.SyntaxTrees, t => t.FilePath.EndsWith("ConfigProvidersSettings.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Members_that_do_not_do_what_they_seem_are_reported_where_they_are_declared()
    {
        var (_, reported) = Run("""
            public sealed class Inner { public string? Key { get; set; } }
            public sealed class Tricky(string name)
            {
                [Mutable] public int Computed => 1;
                [Secret] public Inner Credentials { get; set; } = new();
                public string Label { get; set; } = name;
            }
            public static class Startup { public static void Configure(IServiceCollection services) => services.AddSettings<Tricky>("Tricky"); }
            """);

        var byId = reported.ToDictionary(d => d.Id);
        Assert.Equal(["CPS1002", "CPS1003", "CPS1004"], byId.Keys.Order());
        Assert.Contains("'Tricky.Computed' is never bound", byId["CPS1002"].GetMessage());
        Assert.Equal(DiagnosticSeverity.Info, byId["CPS1003"].Severity);
        Assert.Contains("Constructor parameter 'name' of 'Tricky' has no property", byId["CPS1004"].GetMessage());
        Assert.All(reported, d => Assert.True(d.Location.IsInSource, d.ToString()));
    }

    [Fact]
    public void The_generator_can_be_turned_off()
    {
        var (output, reported) = Run("""
            public sealed class App { public int Level { get; set; } }
            public static class Startup { public static void Configure(IServiceCollection services) => services.AddSettings<App>("App"); }
            """, enabled: false);

        Assert.Empty(reported);
        Assert.Single(output.SyntaxTrees);
    }

    [Fact]
    public void Before_CSharp_12_calls_stay_on_reflection_and_say_why()
    {
        var (output, reported) = Run("""
            public sealed class App { public int Level { get; set; } }
            public static class Startup { public static void Configure(IServiceCollection services) => services.AddSettings<App>("App"); }
            """, language: LanguageVersion.CSharp11);

        Assert.Equal("AddSettings<App> is bound by reflection, not generated code: C# 12 or later is needed to replace the call (this project uses 11.0)", Assert.Single(reported).GetMessage());
        Assert.Single(output.SyntaxTrees);
    }

    private sealed class Options(bool enabled) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(enabled ? [] : new() { ["build_property.ConfigProvidersSettingsGenerator"] = "false" });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values([]);

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}

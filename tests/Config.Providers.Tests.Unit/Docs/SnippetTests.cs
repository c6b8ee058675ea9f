using System.Text.RegularExpressions;
using Config.Providers.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Config.Providers.Tests.Docs;

/// <summary>
/// Every <c>```csharp</c> block in README.md and docs/ compiles against the library. A block is a program (top-level
/// statements and types) or types alone; what a fragment takes from its surroundings — a <c>builder</c>, a
/// <c>loggerFactory</c>, an <c>OrdersSettings</c> — is declared around it only when the block does not declare it.
/// </summary>
public sealed partial class SnippetTests
{
    private static readonly string Root = RepositoryRoot.Path;

    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.ComponentModel.DataAnnotations;
        global using System.Threading.Tasks;
        global using Config.Providers;
        global using Config.Providers.Consul;
        global using Config.Providers.EnvFiles;
        global using Config.Providers.Yaml;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        global using Microsoft.Extensions.Options;
        global using DocContext;
        """;

    /// <summary>Fallbacks for types a fragment uses without declaring; a block's own declaration wins (it is nearer).</summary>
    private const string Context = """
        namespace DocContext
        {
            public sealed class OrdersSettings { public TimeSpan RequestTimeout { get; set; } }
            public sealed class Endpoint { public Uri? Url { get; set; } }
        }
        """;

    public static TheoryData<string> Snippets()
    {
        var data = new TheoryData<string>();
        foreach (var file in new[] { Path.Combine(Root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
        {
            var count = CSharpBlock().Matches(File.ReadAllText(file)).Count;
            for (var i = 1; i <= count; i++)
            {
                data.Add($"{Path.GetRelativePath(Root, file)}#{i}");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Compiles(string snippet)
    {
        var (file, number) = (snippet[..snippet.LastIndexOf('#')], int.Parse(snippet[(snippet.LastIndexOf('#') + 1)..]));
        var code = CSharpBlock().Matches(File.ReadAllText(Path.Combine(Root, file)))[number - 1].Groups[1].Value;
        var tree = CSharpSyntaxTree.ParseText(WithSurroundings(code), path: snippet);
        var isProgram = tree.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [tree, CSharpSyntaxTree.ParseText(GlobalUsings), CSharpSyntaxTree.ParseText(Context)],
            TestReferences.Value,
            new CSharpCompilationOptions(isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{snippet} does not compile:\n{string.Join("\n", errors)}\n\n{code}");
    }

    /// <summary>Declares the variables a fragment uses but does not declare, before its first statement.</summary>
    private static string WithSurroundings(string code)
    {
        var declarations = new List<string>();
        void Need(string name, string declaration)
        {
            if (Regex.IsMatch(code, $@"\b{name}\b") && !Regex.IsMatch(code, $@"\b(var|{Regex.Escape(declaration.Split(' ')[0])})\s+{name}\s*="))
            {
                declarations.Add(declaration);
            }
        }

        Need("builder", "var builder = Host.CreateApplicationBuilder(args);");
        Need("loggerFactory", "ILoggerFactory loggerFactory = LoggerFactory.Create(_ => { });");
        Need("feed", "ISettingsChangeFeed feed = null!;");
        Need("observer", "IObserver<SettingsReloadReport> observer = null!;");
        if (declarations.Count == 0)
        {
            return code;
        }

        // After the block's using directives, before everything else.
        var lines = code.Split('\n').ToList();
        var at = lines.FindLastIndex(l => l.StartsWith("using ", StringComparison.Ordinal)) + 1;
        lines.InsertRange(at, declarations);
        return string.Join('\n', lines);
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}

using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Config.Providers.Generators;

/// <summary>One <c>AddSettings&lt;T&gt;</c> call in the source: the type, which overload, and where to intercept it.</summary>
internal sealed class SettingsCall
{
    private const string ExtensionsType = "Microsoft.Extensions.DependencyInjection.SettingsServiceCollectionExtensions";

    private SettingsCall(ITypeSymbol type, bool named, bool extensionForm, InterceptableLocation interceptable, Location location)
    {
        Type = type;
        Named = named;
        ExtensionForm = extensionForm;
        Interceptable = interceptable;
        Location = location;
    }

    public ITypeSymbol Type { get; }

    /// <summary>The overload with an options name.</summary>
    public bool Named { get; }

    /// <summary>Called as <c>services.AddSettings&lt;T&gt;(…)</c> rather than as a static method.</summary>
    public bool ExtensionForm { get; }

    public InterceptableLocation Interceptable { get; }

    public Location Location { get; }

    public static bool IsCandidate(SyntaxNode node) =>
        node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "AddSettings", TypeArgumentList.Arguments.Count: 1 } } };

    public static SettingsCall? From(GeneratorSyntaxContext context, CancellationToken cancellationToken) =>
        From((InvocationExpressionSyntax)context.Node, context.SemanticModel, cancellationToken);

    /// <summary>The call worked out into plain values (see <see cref="CallModel"/>), or null when it is not ours.</summary>
    public static CallModel? Model(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        if (From(context, cancellationToken) is not { } call)
        {
            return null;
        }

        var diagnostics = new System.Collections.Generic.List<DiagnosticInfo>();
        string? shapes = null;
        var compilation = context.SemanticModel.Compilation;
        if (compilation is CSharpCompilation { LanguageVersion: < LanguageVersion.CSharp12 } older)
        {
            // Interceptors and file-local types need C# 12; an older language version keeps the reflection path.
            diagnostics.Add(DiagnosticInfo.From(SettingsDiagnostics.BoundByReflection, call.Location, call.Type.ToDisplayString(), $"C# 12 or later is needed to replace the call (this project uses {LanguageVersionFacts.ToDisplayString(older.LanguageVersion)})"));
        }
        else
        {
            var classifier = new ShapeClassifier(compilation);
            if (classifier.FindProblem(call.Type) is { } problem)
            {
                diagnostics.Add(DiagnosticInfo.From(SettingsDiagnostics.BoundByReflection, call.Location, call.Type.ToDisplayString(), problem));
            }
            else
            {
                var writer = new ShapeWriter(classifier);
                writer.NameOf(call.Type, false);
                shapes = writer.Flush();
                foreach (var info in writer.Objects)
                {
                    MemberDiagnostics.Report(diagnostics, info, call.Location);
                }
            }
        }

        return new CallModel(
            call.Interceptable.Version,
            call.Interceptable.Data,
            call.Interceptable.GetDisplayLocation(),
            call.Named,
            call.ExtensionForm,
            Literals.Type(call.Type),
            shapes,
            new EquatableArray<DiagnosticInfo>(System.Collections.Immutable.ImmutableArray.CreateRange(diagnostics)));
    }

    public static SettingsCall? From(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || method.Name != "AddSettings" || method.ContainingType?.ToDisplayString() != ExtensionsType)
        {
            return null;
        }

        var interceptable = model.GetInterceptableLocation(invocation, cancellationToken);
        if (interceptable is null)
        {
            return null;
        }

        var declared = method.ReducedFrom ?? method;
        return new SettingsCall(method.TypeArguments[0], declared.Parameters.Length == 4, method.ReducedFrom is not null, interceptable, invocation.GetLocation());
    }
}

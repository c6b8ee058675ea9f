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

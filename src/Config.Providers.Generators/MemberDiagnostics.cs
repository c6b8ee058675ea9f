using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Config.Providers.Generators;

/// <summary>CPS1002–CPS1005: members whose declaration does not do what it seems to.</summary>
internal static class MemberDiagnostics
{
    public static void Report(List<DiagnosticInfo> output, ShapeInfo info, Location fallback)
    {
        var o = info.Object!;
        var typeName = info.Type.Name;
        foreach (var member in o.Unbound)
        {
            if (member.Mutable || member.Secret || member.ByteSize || member.ValidationAttributes.Count > 0 || member.Key != member.Name)
            {
                output.Add(DiagnosticInfo.From(SettingsDiagnostics.NeverBound, Where(member.Property, fallback), typeName, member.Name));
            }
        }

        foreach (var member in o.Members)
        {
            if (member.Secret && !member.Type.IsValueType && member.Type.SpecialType != SpecialType.System_String && member.Type.TypeKind != TypeKind.Enum
                && !IsScalarLike(member.Type))
            {
                output.Add(DiagnosticInfo.From(SettingsDiagnostics.SecretSubtree, Where((ISymbol?)member.Property ?? member.Parameter, fallback), typeName, member.Name, member.Type.ToDisplayString()));
            }

            if (member.Parameter is not null && member.Property is null)
            {
                output.Add(DiagnosticInfo.From(SettingsDiagnostics.ParameterWithoutProperty, Where(member.Parameter, fallback), typeName, member.Parameter.Name, member.Key));
            }

            if (member.Property is { } property && IsCollection(member.Type) && InitialItems(property) is > 0 and var items)
            {
                output.Add(DiagnosticInfo.From(SettingsDiagnostics.InitializedCollectionReplaced, Where(property, fallback), typeName, member.Name, items));
            }
        }
    }

    private static bool IsCollection(ITypeSymbol type) =>
        type is IArrayTypeSymbol
        || (type.SpecialType != SpecialType.System_String && type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable));

    /// <summary>How many items the property's initializer puts in (<c>= ["a", "b"]</c>, <c>= new() { … }</c>, <c>= new[] { … }</c>); 0 when none or unknown.</summary>
    private static int InitialItems(IPropertySymbol property)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is PropertyDeclarationSyntax { Initializer.Value: { } value })
            {
                return value switch
                {
                    CollectionExpressionSyntax collection => collection.Elements.Count,
                    BaseObjectCreationExpressionSyntax creation => creation.Initializer?.Expressions.Count ?? 0,
                    ArrayCreationExpressionSyntax array => array.Initializer?.Expressions.Count ?? 0,
                    ImplicitArrayCreationExpressionSyntax array => array.Initializer.Expressions.Count,
                    _ => 0,
                };
            }
        }

        return 0;
    }

    private static bool IsScalarLike(ITypeSymbol type) =>
        ShapeClassifier.MetadataName(type) is "System.Uri" or "System.Version" or "System.Net.IPAddress" or "System.Net.EndPoint" or "System.Net.DnsEndPoint" or "System.Net.IPEndPoint";

    private static Location Where(ISymbol? symbol, Location fallback) => symbol?.Locations.FirstOrDefault(l => l.IsInSource) ?? fallback;
}

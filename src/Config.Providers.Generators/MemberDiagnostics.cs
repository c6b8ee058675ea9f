using System.Linq;
using Microsoft.CodeAnalysis;

namespace Config.Providers.Generators;

/// <summary>CPS1002–CPS1004: members whose declaration does not do what it seems to.</summary>
internal static class MemberDiagnostics
{
    public static void Report(SourceProductionContext output, ShapeInfo info, Location fallback)
    {
        var o = info.Object!;
        var typeName = info.Type.Name;
        foreach (var member in o.Unbound)
        {
            if (member.Mutable || member.Secret || member.ByteSize || member.ValidationAttributes.Count > 0 || member.Key != member.Name)
            {
                output.ReportDiagnostic(Diagnostic.Create(SettingsDiagnostics.NeverBound, Where(member.Property, fallback), typeName, member.Name));
            }
        }

        foreach (var member in o.Members)
        {
            if (member.Secret && !member.Type.IsValueType && member.Type.SpecialType != SpecialType.System_String && member.Type.TypeKind != TypeKind.Enum
                && !IsScalarLike(member.Type))
            {
                output.ReportDiagnostic(Diagnostic.Create(SettingsDiagnostics.SecretSubtree, Where((ISymbol?)member.Property ?? member.Parameter, fallback), typeName, member.Name, member.Type.ToDisplayString()));
            }

            if (member.Parameter is not null && member.Property is null)
            {
                output.ReportDiagnostic(Diagnostic.Create(SettingsDiagnostics.ParameterWithoutProperty, Where(member.Parameter, fallback), typeName, member.Parameter.Name, member.Key));
            }
        }
    }

    private static bool IsScalarLike(ITypeSymbol type) =>
        ShapeClassifier.MetadataName(type) is "System.Uri" or "System.Version" or "System.Net.IPAddress" or "System.Net.EndPoint" or "System.Net.DnsEndPoint" or "System.Net.IPEndPoint";

    private static Location Where(ISymbol? symbol, Location fallback) => symbol?.Locations.FirstOrDefault(l => l.IsInSource) ?? fallback;
}

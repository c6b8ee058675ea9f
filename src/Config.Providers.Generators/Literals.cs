using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Config.Providers.Generators;

/// <summary>C# text for types, constants and attribute instances, as generated code needs them.</summary>
internal static class Literals
{
    public static string Type(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary><c>new Attribute(args) { Named = value }</c> for an attribute as written in source.</summary>
    public static string Attribute(AttributeData attribute)
    {
        var arguments = string.Join(", ", attribute.ConstructorArguments.Select(Constant));
        var named = attribute.NamedArguments.Select(n => $"{n.Key} = {Constant(n.Value)}").ToList();
        return $"new {Type(attribute.AttributeClass!)}({arguments})" + (named.Count == 0 ? string.Empty : " { " + string.Join(", ", named) + " }");
    }

    public static string Constant(TypedConstant constant)
    {
        if (constant.IsNull)
        {
            return constant.Type is null ? "null" : $"({Type(constant.Type)})null";
        }

        return constant.Kind switch
        {
            TypedConstantKind.Array => $"new {Type(constant.Type!)} {{ {string.Join(", ", constant.Values.Select(Constant))} }}",
            TypedConstantKind.Type => $"typeof({Type((ITypeSymbol)constant.Value!)})",
            TypedConstantKind.Enum => $"({Type(constant.Type!)})({Primitive(constant.Value!)})",
            _ => Primitive(constant.Value!),
        };
    }

    /// <summary>A default parameter value, typed as the parameter, or null.</summary>
    public static string DefaultValue(IParameterSymbol parameter) =>
        parameter.ExplicitDefaultValue is { } value ? $"({Type(parameter.Type)})({Primitive(value)})" : "null";

    public static string Primitive(object value) => value switch
    {
        string s => String(s),
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        bool b => b ? "true" : "false",
        double d when double.IsNaN(d) => "double.NaN",
        double d when double.IsPositiveInfinity(d) => "double.PositiveInfinity",
        double d when double.IsNegativeInfinity(d) => "double.NegativeInfinity",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "D",
        float f when float.IsNaN(f) => "float.NaN",
        float f when float.IsPositiveInfinity(f) => "float.PositiveInfinity",
        float f when float.IsNegativeInfinity(f) => "float.NegativeInfinity",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "F",
        decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        ulong ul => ul.ToString(CultureInfo.InvariantCulture) + "UL",
        uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
        int i => i.ToString(CultureInfo.InvariantCulture),
        short s => $"(short)({s.ToString(CultureInfo.InvariantCulture)})",
        ushort us => $"(ushort)({us.ToString(CultureInfo.InvariantCulture)})",
        byte b => $"(byte)({b.ToString(CultureInfo.InvariantCulture)})",
        sbyte sb => $"(sbyte)({sb.ToString(CultureInfo.InvariantCulture)})",
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };
}

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Config.Providers.Generators;

/// <summary>
/// Works out from symbols what the runtime's reflection path works out from types (ReflectionTypeShapes and
/// ReflectionObjectShapes in the library): the same order of rules, the same members. Where the two could
/// disagree (a type outside the coercion table with a framework converter, a type the generated code cannot
/// reach), the type is left to reflection rather than guessed.
/// </summary>
internal sealed partial class ShapeClassifier
{
    // The coercion table (ScalarConverters in the library), by metadata name.
    private static readonly HashSet<string> TableTypes = new(StringComparer.Ordinal)
    {
        "System.String", "System.Boolean", "System.Int32", "System.Int64", "System.Int16", "System.Byte", "System.SByte",
        "System.UInt16", "System.UInt32", "System.UInt64", "System.Int128", "System.UInt128", "System.Double", "System.Single",
        "System.Half", "System.Decimal", "System.TimeSpan", "System.Guid", "System.Uri", "System.Net.IPAddress",
        "System.Net.EndPoint", "System.Net.DnsEndPoint", "System.Net.IPEndPoint", "System.DateTimeOffset", "System.DateTime",
        "System.DateOnly", "System.TimeOnly", "System.Char", "System.Version", "System.Security.Cryptography.X509Certificates.X509Certificate2",
    };

    private static readonly HashSet<string> ByteSizeTypes = new(StringComparer.Ordinal) { "System.Int32", "System.UInt32", "System.Int64", "System.UInt64" };

    private static readonly HashSet<string> ListDefinitions = new(StringComparer.Ordinal)
    {
        "System.Collections.Generic.List`1", "System.Collections.Generic.IList`1", "System.Collections.Generic.ICollection`1",
        "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.IReadOnlyList`1", "System.Collections.Generic.IReadOnlyCollection`1",
    };

    private static readonly HashSet<string> SetDefinitions = new(StringComparer.Ordinal)
    {
        "System.Collections.Generic.HashSet`1", "System.Collections.Generic.ISet`1", "System.Collections.Generic.IReadOnlySet`1",
    };

    private static readonly HashSet<string> DictionaryDefinitions = new(StringComparer.Ordinal)
    {
        "System.Collections.Generic.Dictionary`2", "System.Collections.Generic.IDictionary`2", "System.Collections.Generic.IReadOnlyDictionary`2",
    };

    private readonly Compilation compilation;
    private readonly Dictionary<(ITypeSymbol, bool), ShapeInfo> cache = new(TypeKeyComparer.Instance);
    private readonly HashSet<(ITypeSymbol, bool)> describing = new(TypeKeyComparer.Instance);

    public ShapeClassifier(Compilation compilation) => this.compilation = compilation;

    public ShapeInfo Classify(ITypeSymbol type, bool byteSize)
    {
        if (cache.TryGetValue((type, byteSize), out var info))
        {
            return info;
        }

        // A type reached again while it is being described (class Node { Node? Child }, or A ↔ B) is an object: only
        // describing an object's members leads back to a type. Its description is being made; the member only needs
        // its kind. Without this the recursion never ended and the compiler died of a stack overflow.
        if (!describing.Add((type, byteSize)))
        {
            return new ShapeInfo(ShapeKindInfo.Object, type);
        }

        try
        {
            info = Create(type, byteSize);
            cache[(type, byteSize)] = info;
            return info;
        }
        finally
        {
            describing.Remove((type, byteSize));
        }
    }

    /// <summary>Why <paramref name="root"/> (or anything reachable from it) cannot be generated, or null.</summary>
    public string? FindProblem(ITypeSymbol root)
    {
        var seen = new HashSet<(ITypeSymbol, bool)>(TypeKeyComparer.Instance);
        var pending = new Stack<(ITypeSymbol Type, bool ByteSize, string Path)>();
        pending.Push((root, false, root.Name));
        while (pending.Count > 0)
        {
            var (type, byteSize, path) = pending.Pop();
            if (!seen.Add((type, byteSize)))
            {
                continue;
            }

            var info = Classify(type, byteSize);
            if (info.Kind == ShapeKindInfo.Unsupported)
            {
                return $"{path}: {info.Reason}";
            }

            if (info.Key is not null)
            {
                pending.Push((info.Key, false, path + " (key)"));
            }

            if (info.Element is not null)
            {
                pending.Push((info.Element, info.ByteSize, path));
            }

            foreach (var member in info.Object is null ? Enumerable.Empty<MemberInfo>() : info.Object.Members.Concat(info.Object.Unbound))
            {
                pending.Push((member.Type, member.ByteSize, path + "." + member.Name));
            }
        }

        return null;
    }

    private ShapeInfo Create(ITypeSymbol type, bool byteSize)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return new ShapeInfo(ShapeKindInfo.Nullable, type) { Element = nullable.TypeArguments[0], ByteSize = byteSize };
        }

        var name = MetadataName(type);
        if (byteSize)
        {
            if (ByteSizeTypes.Contains(name))
            {
                return new ShapeInfo(ShapeKindInfo.ByteSize, type);
            }

            if (!IsCollectionLike(type))
            {
                return Unsupported(type, "[ByteSize] applies to int, uint, long and ulong settings");
            }
        }

        if (TableTypes.Contains(name) || type.TypeKind == TypeKind.Enum)
        {
            return new ShapeInfo(ShapeKindInfo.Scalar, type);
        }

        if (!IsAccessible(type))
        {
            return Unsupported(type, $"{Display(type)} is not accessible to generated code (make it public or internal)");
        }

        var converter = FindTypeConverter(type);
        if (converter is not null)
        {
            return converter is INamedTypeSymbol named && named.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public)
                ? new ShapeInfo(ShapeKindInfo.Converted, type) { Converter = converter }
                : Unsupported(type, $"its [TypeConverter] {Display(converter)} has no public parameterless constructor");
        }

        if (type is IArrayTypeSymbol array)
        {
            return array.Rank == 1
                ? new ShapeInfo(ShapeKindInfo.Array, type) { Element = array.ElementType, ByteSize = byteSize }
                : Unsupported(type, "a multi-dimensional array, which configuration cannot describe: use an array of arrays or a list of lists");
        }

        if (type is INamedTypeSymbol derived && DerivedListBase(derived) is { } baseList)
        {
            // A named list type (class Names : List<string>) binds as a list, as ConfigurationBinder binds it.
            return derived.IsAbstract || !derived.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public)
                ? Unsupported(type, "a list type needs a public parameterless constructor")
                : new ShapeInfo(ShapeKindInfo.DerivedList, type) { Element = baseList.TypeArguments[0], ByteSize = byteSize };
        }

        if (type is INamedTypeSymbol { IsGenericType: true } generic)
        {
            var definition = MetadataName(generic.OriginalDefinition);
            if (DictionaryDefinitions.Contains(definition))
            {
                return Dictionary(ShapeKindInfo.Dictionary, type, generic.TypeArguments[0], generic.TypeArguments[1], byteSize);
            }

            if (ListDefinitions.Contains(definition))
            {
                return new ShapeInfo(ShapeKindInfo.List, type) { Element = generic.TypeArguments[0], ByteSize = byteSize };
            }

            if (SetDefinitions.Contains(definition))
            {
                return new ShapeInfo(ShapeKindInfo.Set, type) { Element = generic.TypeArguments[0], ByteSize = byteSize };
            }

            if (IsCollectionLike(type))
            {
                return Unsupported(type, $"{Display(type)} is a collection the binder does not build (use an array, List, HashSet or Dictionary, or their interfaces)");
            }
        }
        else if (type is INamedTypeSymbol plain && DerivedDictionaryBase(plain) is { } baseDictionary)
        {
            return plain.IsAbstract || !plain.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public)
                ? Unsupported(type, "a dictionary type needs a public parameterless constructor")
                : Dictionary(ShapeKindInfo.DerivedDictionary, type, baseDictionary.TypeArguments[0], baseDictionary.TypeArguments[1], byteSize);
        }

        if (type.TypeKind is TypeKind.Interface or TypeKind.Delegate or TypeKind.Pointer or TypeKind.TypeParameter or TypeKind.Dynamic
            || type.IsAbstract || type.SpecialType == SpecialType.System_Object)
        {
            return Unsupported(type, $"{Display(type)} cannot be bound: use a concrete class, record or struct");
        }

        if (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal))
        {
            // A framework type outside the table may have a converter the runtime finds (CultureInfo, Encoding…):
            // only reflection can tell, so leave it there.
            return Unsupported(type, $"{Display(type)} is not in the coercion table");
        }

        return DescribeObject((INamedTypeSymbol)type);
    }

    private ShapeInfo Dictionary(ShapeKindInfo kind, ITypeSymbol type, ITypeSymbol key, ITypeSymbol value, bool byteSize)
    {
        var keyInfo = Classify(key, false);
        if (keyInfo.Kind is not (ShapeKindInfo.Scalar or ShapeKindInfo.Converted))
        {
            return Unsupported(type, $"dictionary keys of type {Display(key)} cannot be read from configuration keys");
        }

        return new ShapeInfo(kind, type) { Key = key, Element = value, ByteSize = byteSize };
    }

    private static ShapeInfo Unsupported(ITypeSymbol type, string reason) => new(ShapeKindInfo.Unsupported, type) { Reason = reason };

    private static bool IsNullableValue(ITypeSymbol type) => type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

    /// <summary>As the runtime's rule: an array, or a generic type that is enumerable (an interface included).</summary>
    private bool IsCollectionLike(ITypeSymbol type) =>
        type is IArrayTypeSymbol
        || (type is INamedTypeSymbol { IsGenericType: true } named
            && named.AllInterfaces.Contains(compilation.GetSpecialType(SpecialType.System_Collections_IEnumerable), SymbolEqualityComparer.Default));

    private static INamedTypeSymbol? DerivedListBase(INamedTypeSymbol type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && MetadataName(t.OriginalDefinition) == "System.Collections.Generic.List`1")
            {
                return t;
            }
        }

        return null;
    }

    private static INamedTypeSymbol? DerivedDictionaryBase(INamedTypeSymbol type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && MetadataName(t.OriginalDefinition) == "System.Collections.Generic.Dictionary`2")
            {
                return t;
            }
        }

        return null;
    }

    private static ITypeSymbol? FindTypeConverter(ITypeSymbol type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            foreach (var attribute in t.GetAttributes())
            {
                if (attribute.AttributeClass is { } c && MetadataName(c) == "System.ComponentModel.TypeConverterAttribute"
                    && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is ITypeSymbol converter)
                {
                    return converter;
                }
            }
        }

        return null;
    }

    private static bool IsAccessible(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return IsAccessible(array.ElementType);
            case INamedTypeSymbol named:
                for (var t = named; t is not null; t = t.ContainingType)
                {
                    if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal) || t.IsFileLocal)
                    {
                        return false;
                    }
                }

                return named.TypeArguments.All(IsAccessible);
            default:
                return type.TypeKind != TypeKind.Error;
        }
    }

    /// <summary>On the type or a base type, as <c>IsDefined(…, inherit: true)</c> sees it.</summary>
    private static bool HasAttribute(INamedTypeSymbol type, string name)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (Has(t.GetAttributes(), name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Has(IEnumerable<AttributeData> attributes, string name) =>
        attributes.Any(a => a.AttributeClass is { } c && Inherits(c, name));

    private static bool Inherits(INamedTypeSymbol type, string name)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (MetadataName(t) == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsValidationAttribute(AttributeData attribute) =>
        attribute.AttributeClass is { } c && Inherits(c, "System.ComponentModel.DataAnnotations.ValidationAttribute");

    private static string? KeyName(IEnumerable<AttributeData>? attributes) =>
        attributes?.FirstOrDefault(a => a.AttributeClass is { } c && MetadataName(c) == "Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute")
            ?.ConstructorArguments.FirstOrDefault().Value as string;

    /// <summary>The type as C# writes it, without a nullable annotation (messages name the type, not the member).</summary>
    public static string Display(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString();

    public static string MetadataName(ITypeSymbol type)
    {
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : string.Empty;
        var name = type.MetadataName;
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
        {
            name = t.MetadataName + "+" + name;
        }

        return ns + name;
    }
}

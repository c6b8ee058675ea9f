using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Config.Providers.Generators;

// Objects: the constructor chosen and the members merged by name (properties and constructor parameters), with the
// attributes the binder reads, as ReflectionObjectShapes in the library does by reflection.
internal sealed partial class ShapeClassifier
{
    private ShapeInfo DescribeObject(INamedTypeSymbol type)
    {
        var constructors = type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
        IMethodSymbol? constructor = null;
        if (type.TypeKind != TypeKind.Struct && !constructors.Any(c => c.Parameters.Length == 0))
        {
            if (constructors.Count != 1)
            {
                return Unsupported(type, constructors.Count == 0
                    ? $"{Display(type)} has no public constructor"
                    : $"{Display(type)} has several public constructors and none without parameters");
            }

            constructor = constructors[0];
        }

        var info = new ObjectInfo
        {
            Constructor = constructor,
            Mutable = HasAttribute(type, "Config.Providers.MutableAttribute"),
            Secret = HasAttribute(type, "Config.Providers.SecretAttribute"),
        };

        for (var t = type; t is not null; t = t.BaseType)
        {
            info.ClassAttributes.AddRange(t.GetAttributes().Where(IsValidationAttribute));
        }

        // Public instance properties with a public getter, most derived first, one per name (as GetProperties groups them).
        var properties = new List<IPropertySymbol>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var t = type; t is not null; t = t.BaseType)
        {
            foreach (var property in t.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public
                    || property.GetMethod is not { DeclaredAccessibility: Accessibility.Public } || !names.Add(property.Name))
                {
                    continue;
                }

                properties.Add(property);
                info.HasRequiredMembers |= property.IsRequired;
            }

            info.HasRequiredMembers |= t.GetMembers().OfType<IFieldSymbol>().Any(f => f.IsRequired);
        }

        var remaining = properties.ToList();
        var parameters = constructor?.Parameters ?? System.Collections.Immutable.ImmutableArray<IParameterSymbol>.Empty;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var property = remaining.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            if (property is not null)
            {
                remaining.Remove(property);
            }

            var attributes = parameter.GetAttributes().Concat(property?.GetAttributes() ?? Enumerable.Empty<AttributeData>()).ToList();
            var canBeNull = !parameter.Type.IsValueType && parameter.NullableAnnotation != NullableAnnotation.NotAnnotated;
            var member = new MemberInfo(
                KeyName(property?.GetAttributes()) ?? KeyName(parameter.GetAttributes()) ?? property?.Name ?? parameter.Name,
                property?.Name ?? parameter.Name,
                parameter.Type)
            {
                ByteSize = Has(attributes, "Config.Providers.ByteSizeAttribute"),
                Mutable = Has(attributes, "Config.Providers.MutableAttribute"),
                Secret = Has(attributes, "Config.Providers.SecretAttribute"),
                ConstructorIndex = i,
                Parameter = parameter,
                Property = property,
                Required = !parameter.HasExplicitDefaultValue && !canBeNull && !IsNullableValue(parameter.Type),
            };
            member.ValidationAttributes.AddRange(attributes.Where(IsValidationAttribute));
            info.Members.Add(member);
        }

        foreach (var property in remaining)
        {
            var settable = property.SetMethod is { DeclaredAccessibility: Accessibility.Public };
            var attributes = property.GetAttributes().ToList();
            var byteSize = Has(attributes, "Config.Providers.ByteSizeAttribute");
            var shape = Classify(property.Type, byteSize);
            var populateInPlace = !settable && property.Type is not IArrayTypeSymbol
                && shape.Kind is ShapeKindInfo.List or ShapeKindInfo.Set or ShapeKindInfo.Dictionary or ShapeKindInfo.DerivedDictionary or ShapeKindInfo.DerivedList;
            var member = new MemberInfo(KeyName(attributes) ?? property.Name, property.Name, property.Type)
            {
                ByteSize = byteSize,
                Mutable = Has(attributes, "Config.Providers.MutableAttribute"),
                Secret = Has(attributes, "Config.Providers.SecretAttribute"),
                Property = property,
                Required = property.IsRequired,
                Settable = settable,
                PopulateInPlace = populateInPlace,
            };
            member.ValidationAttributes.AddRange(attributes.Where(IsValidationAttribute));
            if (settable || populateInPlace)
            {
                info.Members.Add(member);
            }
            else
            {
                // Not bound, but the runtime still works out its type (and fails there the same way).
                info.Unbound.Add(member);
            }
        }

        if (type.IsGenericType && (info.HasRequiredMembers || info.Members.Any(m => m.Settable && m.Property!.SetMethod!.IsInitOnly)))
        {
            // Reaching those members takes an UnsafeAccessor, which does not take a closed generic type.
            return Unsupported(type, "a generic settings type with init-only or required members");
        }

        return new ShapeInfo(ShapeKindInfo.Object, type) { Object = info };
    }
}

using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Config.Providers.Settings.Redaction;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Settings.Binding.Reflection;

/// <summary>
/// Describes a settings class by reflection: members (properties and constructor parameters, merged by name, as
/// records declare them) with compiled accessors, and the constructor to call. The source generator writes the
/// same description at compile time; the rules here and there must agree (both paths run the same tests).
/// </summary>
[RequiresUnreferencedCode(ReflectionTypeShapes.Message)]
[RequiresDynamicCode(ReflectionTypeShapes.Message)]
internal static class ReflectionObjectShapes
{
    public static ObjectShape Create(Type type)
    {
        var nullability = new NullabilityInfoContext();
        var constructor = ChooseConstructor(type);
        var parameters = constructor?.GetParameters() ?? [];
        var typeMutable = type.IsDefined(typeof(MutableAttribute), inherit: true);
        var typeSecret = type.IsDefined(typeof(SecretAttribute), inherit: true);
        var members = new List<SettingsMember>();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true })
            .GroupBy(p => p.Name)
            .Select(g => g.First())
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            properties.TryGetValue(parameter.Name!, out var property);
            properties.Remove(parameter.Name!);
            var attributes = Attributes(parameter, property);
            var canBeNull = !parameter.ParameterType.IsValueType && nullability.Create(parameter).WriteState != NullabilityState.NotNull;
            members.Add(new SettingsMember
            {
                Key = KeyName(property) ?? parameter.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property?.Name ?? parameter.Name!,
                Name = property?.Name ?? parameter.Name!,
                Shape = new SettingsShape(ReflectionTypeShapes.For(parameter.ParameterType, attributes.OfType<ByteSizeAttribute>().Any())),
                Mutable = typeMutable || attributes.OfType<MutableAttribute>().Any(),
                Secret = typeSecret || attributes.OfType<SecretAttribute>().Any() || SecretKeys.LooksSecret(parameter.Name!),
                ConstructorIndex = i,
                HasDefaultArgument = parameter.HasDefaultValue,
                DefaultArgument = parameter.HasDefaultValue ? parameter.DefaultValue : null,
                Required = !parameter.HasDefaultValue && !canBeNull && Nullable.GetUnderlyingType(parameter.ParameterType) is null,
                Getter = property is null ? null : CompileGetter(property),
                ValidationAttributes = attributes.OfType<ValidationAttribute>().ToArray(),
            });
        }

        foreach (var property in properties.Values)
        {
            var settable = property.SetMethod is { IsPublic: true };
            var attributes = Attributes(null, property);
            var shape = ReflectionTypeShapes.For(property.PropertyType, attributes.OfType<ByteSizeAttribute>().Any());
            var populateInPlace = !settable && !property.PropertyType.IsArray && shape.Kind is ShapeKind.Collection or ShapeKind.Dictionary;
            if (!settable && !populateInPlace)
            {
                continue;
            }

            members.Add(new SettingsMember
            {
                Key = KeyName(property) ?? property.Name,
                Name = property.Name,
                Shape = new SettingsShape(shape),
                Mutable = typeMutable || attributes.OfType<MutableAttribute>().Any(),
                Secret = typeSecret || attributes.OfType<SecretAttribute>().Any() || SecretKeys.LooksSecret(property.Name),
                Required = property.IsDefined(typeof(RequiredMemberAttribute)),
                Getter = CompileGetter(property),
                Setter = settable ? CompileSetter(property) : null,
                PopulateInPlace = populateInPlace,
                ValidationAttributes = attributes.OfType<ValidationAttribute>().ToArray(),
            });
        }

        var classAttributes = type.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray();
        return new ObjectShape(type, members.ToArray(), parameters.Length, CompileConstructor(type, constructor), classAttributes, typeSecret);
    }

    private static ConstructorInfo? ChooseConstructor(Type type)
    {
        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        if (type.IsValueType || constructors.Any(c => c.GetParameters().Length == 0))
        {
            return null;
        }

        return constructors.Length switch
        {
            1 => constructors[0],
            0 => throw new InvalidOperationException($"Settings type {type} has no public constructor."),
            _ => throw new InvalidOperationException($"Settings type {type} has several public constructors and none without parameters; the binder cannot choose one."),
        };
    }

    private static Attribute[] Attributes(ParameterInfo? parameter, PropertyInfo? property) =>
        [.. parameter?.GetCustomAttributes(inherit: true).OfType<Attribute>() ?? [], .. property?.GetCustomAttributes(inherit: true).OfType<Attribute>() ?? []];

    private static string? KeyName(PropertyInfo? property) => property?.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name;

    private static Func<object, object?> CompileGetter(PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object));
        var body = Expression.Convert(Expression.Property(Expression.Convert(instance, property.DeclaringType!), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, instance).Compile();
    }

    private static Action<object, object?> CompileSetter(PropertyInfo property)
    {
        if (property.DeclaringType!.IsValueType)
        {
            // A compiled setter would write to an unboxed copy; reflection writes to the boxed instance.
            return property.SetValue;
        }

        var instance = Expression.Parameter(typeof(object));
        var value = Expression.Parameter(typeof(object));
        var body = Expression.Call(Expression.Convert(instance, property.DeclaringType), property.SetMethod!, Expression.Convert(value, property.PropertyType));
        return Expression.Lambda<Action<object, object?>>(body, instance, value).Compile();
    }

    private static Func<object?[], object> CompileConstructor(Type type, ConstructorInfo? constructor)
    {
        var arguments = Expression.Parameter(typeof(object?[]));
        Expression body;
        if (constructor is null)
        {
            body = Expression.New(type);
        }
        else
        {
            var parameters = constructor.GetParameters();
            var converted = parameters.Select((p, i) => (Expression)Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType));
            body = Expression.New(constructor, converted);
        }

        return Expression.Lambda<Func<object?[], object>>(Expression.Convert(body, typeof(object)), arguments).Compile();
    }
}

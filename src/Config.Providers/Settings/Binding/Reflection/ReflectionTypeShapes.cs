using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Config.Providers.Settings.Coercion;

namespace Config.Providers.Settings.Binding.Reflection;

/// <summary>
/// Works out a <see cref="TypeShape"/> by reflection, once per type: the fallback for settings types the source
/// generator did not see (docs/aot.md). It needs the members' metadata and makes generic code at run time, so it
/// is neither trim- nor AOT-safe, and says so.
/// </summary>
[RequiresUnreferencedCode(Message)]
[RequiresDynamicCode(Message)]
internal static class ReflectionTypeShapes
{
    public const string Message = "Binds settings by reflection. Let the settings source generator see the AddSettings<T> call (docs/aot.md).";

    private static readonly ConcurrentDictionary<(Type, bool), TypeShape> Cache = new();

    public static TypeShape For(Type type, bool byteSize = false) => Cache.GetOrAdd((type, byteSize), static key => Create(key.Item1, key.Item2));

    private static TypeShape Create(Type type, bool byteSize)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return new TypeShape(type, ShapeKind.Nullable, null) { Element = For(underlying, byteSize) };
        }

        var scalar = byteSize ? ScalarConverters.ForByteSize(type) : null;
        if (byteSize && scalar is null && !IsCollectionLike(type))
        {
            throw new InvalidOperationException($"[ByteSize] applies to int, uint, long and ulong settings, not {type}.");
        }

        scalar ??= ScalarConverters.For(type) ?? TypeConverterScalars.For(type);
        if (scalar is not null)
        {
            return new TypeShape(type, ShapeKind.Scalar, DefaultOf(type)) { Scalar = scalar };
        }

        if (TryDictionary(type, out var dictionaryBuilder, out var keyType, out var valueType))
        {
            var keyConverter = ScalarConverters.For(keyType) ?? TypeConverterScalars.For(keyType)
                ?? throw new InvalidOperationException($"Dictionary keys of type {keyType} cannot be read from configuration keys.");
            return new TypeShape(type, ShapeKind.Dictionary, null)
            {
                Builder = dictionaryBuilder,
                KeyConverter = keyConverter,
                Element = For(valueType, byteSize),
            };
        }

        if (TryCollection(type, out var collectionBuilder, out var elementType))
        {
            return new TypeShape(type, ShapeKind.Collection, null) { Builder = collectionBuilder, Element = For(elementType, byteSize) };
        }

        if (type.IsInterface || type.IsAbstract || type == typeof(object) || type.IsPointer || typeof(Delegate).IsAssignableFrom(type))
        {
            throw new InvalidOperationException($"Settings of type {type} cannot be bound: use a concrete class, record or struct.");
        }

        return new TypeShape(type, ShapeKind.Object, DefaultOf(type), () => ReflectionObjectShapes.Create(type));
    }

    private static object? DefaultOf(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;

    private static bool IsCollectionLike(Type type) =>
        type.IsArray || (type.IsGenericType && type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type));

    private static bool TryCollection(Type type, [NotNullWhen(true)] out CollectionBuilder? builder, [NotNullWhen(true)] out Type? elementType)
    {
        builder = null;
        elementType = null;
        if (type.IsArray)
        {
            if (type.GetArrayRank() != 1)
            {
                // As ConfigurationBinder: configuration has no shape for them.
                throw new InvalidOperationException($"{type} is a multi-dimensional array, which configuration cannot describe: use an array of arrays or a list of lists.");
            }

            elementType = type.GetElementType()!;
            builder = Make(nameof(CollectionBuilder.Array), elementType);
            return true;
        }

        if (TryDerivedList(type, ref builder, ref elementType))
        {
            return builder is not null && elementType is not null;
        }

        if (!type.IsGenericType)
        {
            return false;
        }

        var definition = type.GetGenericTypeDefinition();
        var argument = type.GetGenericArguments()[0];
        if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(ICollection<>)
            || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>))
        {
            elementType = argument;
            builder = Make(nameof(CollectionBuilder.List), argument);
            return true;
        }

        if (definition == typeof(HashSet<>) || definition == typeof(ISet<>) || definition == typeof(IReadOnlySet<>))
        {
            elementType = argument;
            builder = Make(nameof(CollectionBuilder.Set), argument);
            return true;
        }

        return false;
    }

    private static bool TryDictionary(Type type, [NotNullWhen(true)] out CollectionBuilder? builder, [NotNullWhen(true)] out Type? keyType, [NotNullWhen(true)] out Type? valueType)
    {
        builder = null;
        keyType = null;
        valueType = null;
        if (!type.IsGenericType)
        {
            return TryDerivedDictionary(type, ref builder, ref keyType, ref valueType);
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition != typeof(Dictionary<,>) && definition != typeof(IDictionary<,>) && definition != typeof(IReadOnlyDictionary<,>))
        {
            return false;
        }

        var arguments = type.GetGenericArguments();
        keyType = arguments[0];
        valueType = arguments[1];
        builder = Make(nameof(CollectionBuilder.Dictionary), arguments);
        return true;
    }

    /// <summary>A class deriving from <c>List&lt;T&gt;</c> with a public parameterless constructor: a collection, as ConfigurationBinder binds it.</summary>
    private static bool TryDerivedList(Type type, ref CollectionBuilder? builder, ref Type? elementType)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            return false;
        }

        var baseType = type.BaseType;
        while (baseType is not null && !(baseType.IsGenericType && baseType.GetGenericTypeDefinition() == typeof(List<>)))
        {
            baseType = baseType.BaseType;
        }

        if (baseType is null || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            return false;
        }

        elementType = baseType.GetGenericArguments()[0];
        var create = typeof(ReflectionTypeShapes).GetMethod(nameof(Construct), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type)
            .Invoke(null, null)!;
        builder = (CollectionBuilder)typeof(CollectionBuilder).GetMethod(nameof(CollectionBuilder.DerivedList))!
            .MakeGenericMethod(type, elementType).Invoke(null, [create])!;
        return true;
    }

    private static bool TryDerivedDictionary(Type type, ref CollectionBuilder? builder, ref Type? keyType, ref Type? valueType)
    {
        var baseType = type.BaseType;
        while (baseType is not null && !(baseType.IsGenericType && baseType.GetGenericTypeDefinition() == typeof(Dictionary<,>)))
        {
            baseType = baseType.BaseType;
        }

        if (baseType is null || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            return false;
        }

        var arguments = baseType.GetGenericArguments();
        keyType = arguments[0];
        valueType = arguments[1];
        var create = typeof(ReflectionTypeShapes).GetMethod(nameof(Construct), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type)
            .Invoke(null, null)!;
        builder = (CollectionBuilder)typeof(CollectionBuilder).GetMethod(nameof(CollectionBuilder.DerivedDictionary))!
            .MakeGenericMethod(type, keyType, valueType).Invoke(null, [create])!;
        return true;
    }

    private static Func<T> Construct<T>()
        where T : new() => static () => new T();

    private static CollectionBuilder Make(string name, params Type[] arguments) =>
        (CollectionBuilder)typeof(CollectionBuilder).GetMethod(name)!.MakeGenericMethod(arguments).Invoke(null, null)!;
}

using System.Collections.Concurrent;
using Config.Providers.Settings.Coercion;

namespace Config.Providers.Settings.Binding;

/// <summary>
/// What the binder needs to know about a type, worked out once by reflection and cached, so binding itself
/// does no reflection: how to convert it, construct it, and reach its members.
/// </summary>
internal sealed class TypeShape
{
    private static readonly ConcurrentDictionary<(Type, bool), TypeShape> Cache = new();

    private ObjectShape? objectShape;
    private Func<ObjectShape>? objectShapeFactory;

    private TypeShape(Type type, ShapeKind kind)
    {
        Type = type;
        Kind = kind;
    }

    public Type Type { get; }

    public ShapeKind Kind { get; }

    /// <summary>For <see cref="ShapeKind.Scalar"/>.</summary>
    public ScalarConverter? Scalar { get; private init; }

    /// <summary>The inner type of a nullable, the element of a collection, the value of a dictionary.</summary>
    public TypeShape? Element { get; private set; }

    /// <summary>For <see cref="ShapeKind.Dictionary"/>: converts child keys.</summary>
    public ScalarConverter? KeyConverter { get; private init; }

    /// <summary>For collections and dictionaries: builds the declared type from bound items.</summary>
    public CollectionBuilder? Builder { get; private init; }

    /// <summary>For <see cref="ShapeKind.Object"/>; built on first use so recursive types terminate.</summary>
    public ObjectShape Object => objectShape ??= objectShapeFactory!();

    /// <summary>Name used in messages.</summary>
    public string DisplayName => Kind switch
    {
        ShapeKind.Scalar => Scalar!.TypeName,
        ShapeKind.Nullable => Element!.DisplayName + "?",
        _ => Type.Name,
    };

    public static TypeShape For(Type type, bool byteSize = false) => Cache.GetOrAdd((type, byteSize), static key => Create(key.Item1, key.Item2));

    private static TypeShape Create(Type type, bool byteSize)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return new TypeShape(type, ShapeKind.Nullable) { Element = For(underlying, byteSize) };
        }

        var scalar = byteSize ? ScalarConverters.ForByteSize(type) : null;
        if (byteSize && scalar is null && !CollectionBuilder.IsCollectionLike(type))
        {
            throw new InvalidOperationException($"[ByteSize] applies to int, uint, long and ulong settings, not {type}.");
        }

        scalar ??= ScalarConverters.For(type);
        if (scalar is not null)
        {
            return new TypeShape(type, ShapeKind.Scalar) { Scalar = scalar };
        }

        if (CollectionBuilder.TryCreateDictionary(type, out var dictionaryBuilder, out var keyType, out var valueType))
        {
            var keyConverter = ScalarConverters.For(keyType!)
                ?? throw new InvalidOperationException($"Dictionary keys of type {keyType} cannot be read from configuration keys.");
            return new TypeShape(type, ShapeKind.Dictionary)
            {
                Builder = dictionaryBuilder,
                KeyConverter = keyConverter,
                Element = For(valueType!, byteSize),
            };
        }

        if (CollectionBuilder.TryCreateCollection(type, out var collectionBuilder, out var elementType))
        {
            return new TypeShape(type, ShapeKind.Collection) { Builder = collectionBuilder, Element = For(elementType!, byteSize) };
        }

        if (type.IsInterface || type.IsAbstract || type == typeof(object) || type.IsPointer || typeof(Delegate).IsAssignableFrom(type))
        {
            throw new InvalidOperationException($"Settings of type {type} cannot be bound: use a concrete class, record or struct.");
        }

        var shape = new TypeShape(type, ShapeKind.Object);
        shape.objectShapeFactory = () => ObjectShape.Create(type);
        return shape;
    }
}

using Config.Providers.Settings.Coercion;

namespace Config.Providers.Settings.Binding;

/// <summary>
/// What the binder needs to know about a type: how to convert it, construct it, and reach its members. Made at
/// compile time by the settings source generator (through the generic factories here, which need no reflection),
/// or at run time by <see cref="Reflection.ReflectionTypeShapes"/>; the binder, validator and pipeline cannot tell
/// the two apart.
/// </summary>
internal sealed class TypeShape
{
    private readonly Func<ObjectShape>? objectShapeFactory;
    private ObjectShape? objectShape;

    internal TypeShape(Type type, ShapeKind kind, object? defaultValue, Func<ObjectShape>? objectShapeFactory = null)
    {
        Type = type;
        Kind = kind;
        DefaultValue = defaultValue;
        this.objectShapeFactory = objectShapeFactory;
    }

    public Type Type { get; }

    public ShapeKind Kind { get; }

    /// <summary><c>default</c> of the type, boxed: what an unbound constructor argument of this type receives.</summary>
    public object? DefaultValue { get; }

    /// <summary>For <see cref="ShapeKind.Scalar"/>.</summary>
    public ScalarConverter? Scalar { get; init; }

    /// <summary>The inner type of a nullable, the element of a collection, the value of a dictionary.</summary>
    public TypeShape? Element { get; init; }

    /// <summary>For <see cref="ShapeKind.Dictionary"/>: converts child keys.</summary>
    public ScalarConverter? KeyConverter { get; init; }

    /// <summary>For collections and dictionaries: builds the declared type from bound items.</summary>
    public CollectionBuilder? Builder { get; init; }

    /// <summary>True when the source generator described the type (no reflection at run time).</summary>
    public bool Generated { get; init; }

    /// <summary>For <see cref="ShapeKind.Object"/>; built on first use so recursive types terminate.</summary>
    public ObjectShape Object => objectShape ??= objectShapeFactory!();

    /// <summary>Name used in messages.</summary>
    public string DisplayName => Kind switch
    {
        ShapeKind.Scalar => Scalar!.TypeName,
        ShapeKind.Nullable => Element!.DisplayName + "?",
        _ => Type.Name,
    };

    public static TypeShape ForScalar<T>(ScalarConverter converter) => new(typeof(T), ShapeKind.Scalar, default(T)) { Scalar = converter, Generated = true };

    public static TypeShape ForNullable<T>(TypeShape value)
        where T : struct => new(typeof(T?), ShapeKind.Nullable, null) { Element = value, Generated = true };

    public static TypeShape ForCollection<TCollection>(CollectionBuilder builder, TypeShape element) =>
        new(typeof(TCollection), ShapeKind.Collection, null) { Builder = builder, Element = element, Generated = true };

    public static TypeShape ForDictionary<TDictionary>(CollectionBuilder builder, ScalarConverter key, TypeShape value) =>
        new(typeof(TDictionary), ShapeKind.Dictionary, null) { Builder = builder, KeyConverter = key, Element = value, Generated = true };

    public static TypeShape ForObject<T>(Func<ObjectShape> describe) => new(typeof(T), ShapeKind.Object, default(T), describe) { Generated = true };
}

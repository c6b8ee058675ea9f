namespace Config.Providers.Generators;

/// <summary>How the binder treats a type; mirrors the runtime's ShapeKind with the generator's finer cases.</summary>
internal enum ShapeKindInfo
{
    Unsupported,
    Scalar,
    ByteSize,
    Converted,
    Nullable,
    Array,
    List,
    Set,
    Dictionary,
    DerivedDictionary,
    DerivedList,
    Object,
}

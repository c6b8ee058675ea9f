namespace Config.Providers.Settings.Binding;

internal enum ShapeKind
{
    Scalar,
    Nullable,
    Object,
    Collection,
    Dictionary,
}

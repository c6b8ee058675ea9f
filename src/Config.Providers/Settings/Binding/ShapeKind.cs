using System.Reflection;
using Config.Providers.Settings.Coercion;

namespace Config.Providers.Settings.Binding;

internal enum ShapeKind
{
    Scalar,
    Nullable,
    Object,
    Collection,
    Dictionary,
}

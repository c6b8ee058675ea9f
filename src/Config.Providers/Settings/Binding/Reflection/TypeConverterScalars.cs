using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Config.Providers.Settings.Coercion;

namespace Config.Providers.Settings.Binding.Reflection;

/// <summary>
/// Types outside the coercion table that carry their own <see cref="TypeConverter"/> from string, found through
/// <see cref="TypeDescriptor"/> (which needs reflection; the source generator instead names a type's
/// <c>[TypeConverter]</c> at compile time).
/// </summary>
[RequiresUnreferencedCode(ReflectionTypeShapes.Message)]
internal static class TypeConverterScalars
{
    public static ScalarConverter? For(Type type)
    {
        if (type.IsPrimitive || type == typeof(object))
        {
            return null;
        }

        var converter = TypeDescriptor.GetConverter(type);
        if (converter.GetType() == typeof(TypeConverter) || !converter.CanConvertFrom(typeof(string)))
        {
            return null;
        }

        return ScalarConverters.FromTypeConverter(type, converter);
    }
}

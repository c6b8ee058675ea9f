using System.Globalization;
using Config.Providers.Core;
using Config.Providers.Settings.Binding;

namespace Config.Providers.Settings.Validation;

/// <summary>Maps a C# property path from a validator (<c>Database.Port</c>, <c>Hosts[0]</c>) to the configuration key it came from.</summary>
internal static class ValidationFailureKey
{
    public static string ToKey(string sectionPath, TypeShape root, string? propertyPath)
    {
        var key = sectionPath;
        if (string.IsNullOrEmpty(propertyPath))
        {
            return key;
        }

        TypeShape? shape = root;
        foreach (var rawSegment in propertyPath.Split('.'))
        {
            var bracket = rawSegment.IndexOf('[');
            var name = bracket < 0 ? rawSegment : rawSegment[..bracket];
            if (name.Length > 0)
            {
                var member = shape is { Kind: ShapeKind.Object } ? shape.Object.FindByName(name) : null;
                key = Join(key, member?.Key ?? name);
                shape = member?.TypeShape;
            }

            while (bracket >= 0)
            {
                var close = rawSegment.IndexOf(']', bracket);
                if (close < 0)
                {
                    break;
                }

                var index = rawSegment[(bracket + 1)..close].Trim('"', '\'');
                key = Join(key, index.ToString(CultureInfo.InvariantCulture));
                shape = shape?.Kind is ShapeKind.Collection or ShapeKind.Dictionary ? shape.Element : null;
                bracket = rawSegment.IndexOf('[', close);
            }

            if (shape?.Kind == ShapeKind.Nullable)
            {
                shape = shape.Element;
            }
        }

        return key;
    }

    public static string Join(string path, string key) => ConfigurationKeys.Join(path, key);
}

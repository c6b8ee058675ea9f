using System.Globalization;

namespace Config.Providers.Settings.Coercion;

/// <summary>
/// Enums by name, ignoring case, <c>-</c> and <c>_</c> (so <c>read-only</c>, <c>READ_ONLY</c> and <c>ReadOnly</c>
/// agree); <c>[Flags]</c> enums also from a <c>,</c> or <c>|</c> separated list. Numbers are accepted only when they
/// are a defined value, so a typo cannot smuggle in a value the code never handles.
/// </summary>
internal static class EnumConverter
{
    public static ScalarConverter Create(Type enumType)
    {
        var byName = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Enum.GetNames(enumType))
        {
            byName[Normalize(name)] = Enum.Parse(enumType, name);
        }

        var isFlags = enumType.IsDefined(typeof(FlagsAttribute), inherit: false);
        var expected = $"expected one of: {string.Join(", ", Enum.GetNames(enumType))}{(isFlags ? " (or several, separated by ',')" : string.Empty)}";
        var underlying = Enum.GetUnderlyingType(enumType);

        bool ParseOne(string part, out object? value)
        {
            var trimmed = part.Trim();
            if (byName.TryGetValue(Normalize(trimmed), out value))
            {
                return true;
            }

            if (trimmed.Length > 0 && (char.IsAsciiDigit(trimmed[0]) || trimmed[0] == '-')
                && long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                try
                {
                    var candidate = Enum.ToObject(enumType, Convert.ChangeType(number, underlying, CultureInfo.InvariantCulture));
                    if (Enum.IsDefined(enumType, candidate))
                    {
                        value = candidate;
                        return true;
                    }
                }
                catch (OverflowException)
                {
                }
            }

            value = null;
            return false;
        }

        return new(enumType, enumType.Name, (string s, out object? v, out string? r) =>
        {
            v = null;
            r = expected;
            if (!isFlags)
            {
                if (!ParseOne(s, out v))
                {
                    return false;
                }

                r = null;
                return true;
            }

            ulong bits = 0;
            foreach (var part in s.Split([',', '|']))
            {
                if (!ParseOne(part, out var one))
                {
                    return false;
                }

                bits |= Convert.ToUInt64(one, CultureInfo.InvariantCulture);
            }

            v = Enum.ToObject(enumType, bits);
            r = null;
            return true;
        });
    }

    private static string Normalize(string name) => name.Replace("-", string.Empty).Replace("_", string.Empty);
}

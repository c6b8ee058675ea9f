using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Net;
using System.Numerics;
using System.Security.Cryptography.X509Certificates;

namespace Config.Providers.Settings.Coercion;

/// <summary>
/// The coercion table: how text from configuration becomes each supported scalar type. Documented in
/// docs/settings.md; every row has accepted and rejected cases in the tests.
/// </summary>
internal static class ScalarConverters
{
    /// <summary>
    /// Every type of the coercion table (enums aside), in the table's order. The generator keeps a copy of it by name
    /// (ShapeClassifier.TableTypes: an analyzer cannot reference this assembly); a test holds that copy, the JSON Schema
    /// writer and docs/settings.md to this list.
    /// </summary>
    public static readonly IReadOnlyList<Type> TableTypes =
    [
        typeof(string), typeof(bool), typeof(int), typeof(long), typeof(short), typeof(byte), typeof(sbyte), typeof(ushort),
        typeof(uint), typeof(ulong), typeof(Int128), typeof(UInt128), typeof(double), typeof(float), typeof(Half), typeof(decimal),
        typeof(TimeSpan), typeof(Guid), typeof(Uri), typeof(IPAddress), typeof(EndPoint), typeof(DnsEndPoint), typeof(IPEndPoint),
        typeof(DateTimeOffset), typeof(DateTime), typeof(DateOnly), typeof(TimeOnly), typeof(char), typeof(Version), typeof(X509Certificate2),
    ];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly ConcurrentDictionary<Type, ScalarConverter?> Cache = new();
    private static readonly ConcurrentDictionary<Type, ScalarConverter> ByteSizeCache = new();

    /// <summary>The converter for <paramref name="type"/>, or null when the type is not in the table (nor an enum).</summary>
    public static ScalarConverter? For(Type type) => Cache.GetOrAdd(type, Create);

    /// <summary>A converter for an integer type declared with <see cref="ByteSizeAttribute"/>.</summary>
    public static ScalarConverter? ForByteSize(Type type) => type switch
    {
        _ when type == typeof(long) => ByteSizeCache.GetOrAdd(type, _ => ByteSize<long>()),
        _ when type == typeof(int) => ByteSizeCache.GetOrAdd(type, _ => ByteSize<int>()),
        _ when type == typeof(ulong) => ByteSizeCache.GetOrAdd(type, _ => ByteSize<ulong>()),
        _ when type == typeof(uint) => ByteSizeCache.GetOrAdd(type, _ => ByteSize<uint>()),
        _ => null,
    };

    private static ScalarConverter? Create(Type type)
    {
        if (type.IsEnum) return EnumConverter.Create(type);
        if (!TableTypes.Contains(type)) return null;
        if (type == typeof(string)) return new(type, "String", static (string s, out object? v, out string? r) => { v = s; r = null; return true; });
        if (type == typeof(bool)) return new(type, "Boolean", ParseBool);
        if (type == typeof(int)) return Integer<int>();
        if (type == typeof(long)) return Integer<long>();
        if (type == typeof(short)) return Integer<short>();
        if (type == typeof(byte)) return Integer<byte>();
        if (type == typeof(sbyte)) return Integer<sbyte>();
        if (type == typeof(ushort)) return Integer<ushort>();
        if (type == typeof(uint)) return Integer<uint>();
        if (type == typeof(ulong)) return Integer<ulong>();
        if (type == typeof(Int128)) return Integer<Int128>();
        if (type == typeof(UInt128)) return Integer<UInt128>();
        if (type == typeof(double)) return Float<double>();
        if (type == typeof(float)) return Float<float>();
        if (type == typeof(Half)) return Float<Half>();
        if (type == typeof(decimal)) return new(type, "Decimal", ParseDecimal);
        if (type == typeof(TimeSpan)) return new(type, "duration", static (string s, out object? v, out string? r) => Box(DurationParser.TryParse(s, out var t, out r), t, out v));
        if (type == typeof(Guid)) return new(type, "Guid", static (string s, out object? v, out string? r) => Expect(Guid.TryParse(s.Trim(), out var g), g, "expected a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301", out v, out r));
        if (type == typeof(Uri)) return new(type, "absolute URI", ParseUri);
        if (type == typeof(IPAddress)) return new(type, "IP address", static (string s, out object? v, out string? r) => Expect(IpAddressParser.TryParse(s, out var a), a, "expected an IPv4 address (10.0.0.5) or an IPv6 address (::1)", out v, out r));
        if (type == typeof(EndPoint)) return new(type, "endpoint", static (string s, out object? v, out string? r) => Box(EndpointParser.TryParse(s, out var e, out r), e, out v));
        if (type == typeof(DnsEndPoint)) return new(type, "endpoint", ParseDnsEndPoint);
        if (type == typeof(IPEndPoint)) return new(type, "IP endpoint", static (string s, out object? v, out string? r) => Expect(IPEndPoint.TryParse(s.Trim(), out var e) && e.Port > 0 && s.Contains(':'), e, "expected 10.0.0.5:port or [::1]:port with a port from 1 to 65535", out v, out r));
        if (type == typeof(DateTimeOffset)) return new(type, "DateTimeOffset", static (string s, out object? v, out string? r) => Expect(DateTimeOffset.TryParse(s.Trim(), Invariant, DateTimeStyles.AssumeUniversal, out var d), d, "expected an ISO 8601 date and time such as 2026-11-22T10:30:00+01:00", out v, out r));
        if (type == typeof(DateTime)) return new(type, "DateTime", static (string s, out object? v, out string? r) => Expect(DateTime.TryParse(s.Trim(), Invariant, DateTimeStyles.RoundtripKind, out var d), d, "expected an ISO 8601 date and time such as 2026-11-22T10:30:00Z", out v, out r));
        if (type == typeof(DateOnly)) return new(type, "DateOnly", static (string s, out object? v, out string? r) => Expect(DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var d), d, "expected a date as yyyy-MM-dd", out v, out r));
        if (type == typeof(TimeOnly)) return new(type, "TimeOnly", static (string s, out object? v, out string? r) => Expect(TimeOnly.TryParse(s.Trim(), Invariant, DateTimeStyles.None, out var t), t, "expected a time of day such as 14:30 or 14:30:15", out v, out r));
        if (type == typeof(char)) return new(type, "Char", static (string s, out object? v, out string? r) => Expect(s.Length == 1, s.Length == 1 ? s[0] : '\0', "expected exactly one character", out v, out r));
        if (type == typeof(Version)) return new(type, "Version", static (string s, out object? v, out string? r) => Expect(Version.TryParse(s.Trim(), out var ver), ver, "expected a version such as 1.2.3", out v, out r));
        if (type == typeof(X509Certificate2)) return new(type, "PEM certificate", PemCertificateParser.TryParse);
        throw new InvalidOperationException($"{type} is in the coercion table without a converter");
    }

    private static bool ParseBool(string text, out object? value, out string? reason)
    {
        var s = text.AsSpan().Trim();
        bool? result =
            s.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Equals("yes", StringComparison.OrdinalIgnoreCase) || s.Equals("on", StringComparison.OrdinalIgnoreCase) || s is "1" ? true
            : s.Equals("false", StringComparison.OrdinalIgnoreCase) || s.Equals("no", StringComparison.OrdinalIgnoreCase) || s.Equals("off", StringComparison.OrdinalIgnoreCase) || s is "0" ? false
            : null;
        return Expect(result.HasValue, result.GetValueOrDefault(), "expected true/false, yes/no, on/off or 1/0", out value, out reason);
    }

    private static ScalarConverter Integer<T>()
        where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        var range = $"an integer from {T.MinValue.ToString(null, Invariant)} to {T.MaxValue.ToString(null, Invariant)}";
        return new(typeof(T), typeof(T).Name, (string s, out object? v, out string? r) =>
        {
            if (T.TryParse(s, NumberStyles.Integer, Invariant, out var n))
            {
                v = n;
                r = null;
                return true;
            }

            // 0x10 is 16, as the framework's type converters read it; the digits are a magnitude, never two's
            // complement (0xFFFFFFFF is out of range for Int32, where the converter would give -1).
            var trimmed = s.AsSpan().Trim();
            if (trimmed.Length > 2 && trimmed[0] == '0' && trimmed[1] is 'x' or 'X')
            {
                if (!BigInteger.TryParse(string.Concat("0", trimmed[2..]), NumberStyles.AllowHexSpecifier, Invariant, out var magnitude))
                {
                    v = null;
                    r = $"expected {range} (hexadecimal after 0x: digits 0-9 and a-f)";
                    return false;
                }

                if (T.TryParse(magnitude.ToString(Invariant), NumberStyles.Integer, Invariant, out n))
                {
                    v = n;
                    r = null;
                    return true;
                }

                v = null;
                r = $"out of range: expected {range}";
                return false;
            }

            v = null;
            r = BigInteger.TryParse(s, NumberStyles.Integer, Invariant, out _) ? $"out of range: expected {range}" : $"expected {range}";
            return false;
        });
    }

    private static ScalarConverter Float<T>()
        where T : IFloatingPoint<T>
    {
        return new(typeof(T), typeof(T).Name, (string s, out object? v, out string? r) =>
        {
            v = null;
            if (!double.TryParse(s, NumberStyles.Float, Invariant, out var wide) || !double.IsFinite(wide))
            {
                r = "expected a finite number such as 1.5 or 2e-3 (invariant culture: '.' is the decimal point)";
                return false;
            }

            if (!T.TryParse(s, NumberStyles.Float, Invariant, out var n) || !T.IsFinite(n))
            {
                r = $"out of range for {typeof(T).Name}";
                return false;
            }

            v = n;
            r = null;
            return true;
        });
    }

    private static bool ParseDecimal(string s, out object? value, out string? reason)
    {
        if (decimal.TryParse(s, NumberStyles.Float, Invariant, out var d))
        {
            value = d;
            reason = null;
            return true;
        }

        value = null;
        reason = double.TryParse(s, NumberStyles.Float, Invariant, out var wide) && double.IsFinite(wide)
            ? "out of range for Decimal"
            : "expected a number such as 1.5 (invariant culture: '.' is the decimal point)";
        return false;
    }

    private static bool ParseUri(string text, out object? value, out string? reason)
    {
        var s = text.Trim();
        // On Unix "/etc/x" parses as an absolute file:// URI; only accept text that names its scheme.
        var ok = Uri.TryCreate(s, UriKind.Absolute, out var uri) && s.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase);
        return Expect(ok, uri, "expected an absolute URI such as https://host:8443/path", out value, out reason);
    }

    private static bool ParseDnsEndPoint(string text, out object? value, out string? reason)
    {
        if (!EndpointParser.TryParse(text, out var endpoint, out reason))
        {
            value = null;
            return false;
        }

        value = endpoint as DnsEndPoint ?? new DnsEndPoint(((IPEndPoint)endpoint!).Address.ToString(), ((IPEndPoint)endpoint).Port);
        return true;
    }

    private static ScalarConverter ByteSize<T>()
        where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        var min = decimal.CreateChecked(T.MinValue);
        var max = decimal.CreateTruncating(T.MaxValue);
        return new(typeof(T), "byte size", (string s, out object? v, out string? r) =>
        {
            v = null;
            if (!ByteSizeParser.TryParse(s, out var bytes, out r))
            {
                return false;
            }

            if (bytes < min || bytes > max)
            {
                r = $"out of range: {typeof(T).Name} holds {min.ToString(Invariant)} to {max.ToString(Invariant)} bytes";
                return false;
            }

            v = T.CreateChecked(bytes);
            return true;
        });
    }

    /// <summary>A type outside the table that carries its own <see cref="TypeConverter"/> from string.</summary>
    public static ScalarConverter FromTypeConverter(Type type, TypeConverter converter) =>
        new(type, type.Name, (string s, out object? v, out string? r) =>
        {
            try
            {
                v = converter.ConvertFromInvariantString(s);
                r = null;
                return true;
            }
            catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or InvalidOperationException)
            {
                // The converter's own message may quote the value; it is not passed on.
                v = null;
                r = $"not accepted by {converter.GetType().Name}";
                return false;
            }
        });

    private static bool Box<T>(bool ok, T result, out object? value)
    {
        value = ok ? result : null;
        return ok;
    }

    private static bool Expect<T>(bool ok, T result, string expectation, out object? value, out string? reason)
    {
        value = ok ? result : null;
        reason = ok ? null : expectation;
        return ok;
    }
}

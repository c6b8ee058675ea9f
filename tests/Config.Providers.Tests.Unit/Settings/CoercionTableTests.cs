using System.Net;
using Config.Providers.Settings.Coercion;

namespace Config.Providers.Tests.Settings;

/// <summary>Each row of the coercion table in docs/settings.md: accepted forms, rejected forms and their messages.</summary>
public class CoercionTableTests
{
    public enum Mode
    {
        ReadOnly,
        ReadWrite,
    }

    [Flags]
    public enum Access
    {
        None = 0,
        Read = 1,
        Write = 2,
    }

    public static TheoryData<Type, string, object> Accepted => new()
    {
        { typeof(bool), "true", true }, { typeof(bool), "TRUE", true }, { typeof(bool), "yes", true }, { typeof(bool), "On", true }, { typeof(bool), "1", true },
        { typeof(bool), "false", false }, { typeof(bool), "no", false }, { typeof(bool), "off", false }, { typeof(bool), "0", false }, { typeof(bool), " yes ", true },
        { typeof(int), "42", 42 }, { typeof(int), "-7", -7 }, { typeof(int), " 8 ", 8 }, { typeof(int), "2147483647", int.MaxValue },
        { typeof(int), "0x10", 16 }, { typeof(long), " 0X7fffffffffffffff ", long.MaxValue }, { typeof(byte), "0xff", (byte)255 },
        { typeof(ushort), "65535", (ushort)65535 }, { typeof(long), "-9223372036854775808", long.MinValue }, { typeof(byte), "255", (byte)255 },
        { typeof(double), "1.5", 1.5 }, { typeof(double), "2e-3", 0.002 }, { typeof(float), "-0.25", -0.25f }, { typeof(decimal), "19.99", 19.99m },
        { typeof(TimeSpan), "250ms", TimeSpan.FromMilliseconds(250) }, { typeof(TimeSpan), "30s", TimeSpan.FromSeconds(30) },
        { typeof(TimeSpan), "5m", TimeSpan.FromMinutes(5) }, { typeof(TimeSpan), "1h30m", TimeSpan.FromMinutes(90) },
        { typeof(TimeSpan), "1h 30m 15s", new TimeSpan(1, 30, 15) }, { typeof(TimeSpan), "2d", TimeSpan.FromDays(2) },
        { typeof(TimeSpan), "1.5s", TimeSpan.FromMilliseconds(1500) }, { typeof(TimeSpan), "-10s", TimeSpan.FromSeconds(-10) },
        { typeof(TimeSpan), "PT30S", TimeSpan.FromSeconds(30) }, { typeof(TimeSpan), "P1DT2H", new TimeSpan(1, 2, 0, 0) },
        { typeof(TimeSpan), "00:00:30", TimeSpan.FromSeconds(30) }, { typeof(TimeSpan), "1.02:03:04", new TimeSpan(1, 2, 3, 4) },
        { typeof(Mode), "ReadOnly", Mode.ReadOnly }, { typeof(Mode), "readonly", Mode.ReadOnly }, { typeof(Mode), "read-only", Mode.ReadOnly },
        { typeof(Mode), "READ_WRITE", Mode.ReadWrite }, { typeof(Mode), "1", Mode.ReadWrite },
        { typeof(Access), "read, write", Access.Read | Access.Write }, { typeof(Access), "Read|Write", Access.Read | Access.Write },
        { typeof(Uri), "https://orders.example:8443/api", new Uri("https://orders.example:8443/api") },
        { typeof(Uri), "amqp://rabbitmq:5672/", new Uri("amqp://rabbitmq:5672/") },
        { typeof(IPAddress), "10.0.0.5", IPAddress.Parse("10.0.0.5") }, { typeof(IPAddress), "::1", IPAddress.IPv6Loopback },
        { typeof(EndPoint), "db.internal:5432", new DnsEndPoint("db.internal", 5432) }, { typeof(EndPoint), "10.0.0.5:80", new IPEndPoint(IPAddress.Parse("10.0.0.5"), 80) },
        { typeof(EndPoint), "[::1]:8500", new IPEndPoint(IPAddress.IPv6Loopback, 8500) }, { typeof(DnsEndPoint), "consul:8500", new DnsEndPoint("consul", 8500) },
        { typeof(Guid), "3f2504e0-4f89-11d3-9a0c-0305e82c3301", Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301") },
        { typeof(DateTimeOffset), "2026-11-22T10:30:00+01:00", new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.FromHours(1)) },
        { typeof(DateTimeOffset), "2026-11-22T10:30:00", new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.Zero) },
        { typeof(DateOnly), "2026-11-22", new DateOnly(2026, 11, 22) }, { typeof(TimeOnly), "14:30", new TimeOnly(14, 30) },
        { typeof(char), ";", ';' }, { typeof(Version), "1.2.3", new Version(1, 2, 3) }, { typeof(string), "  kept as is ", "  kept as is " },
    };

    public static TheoryData<Type, string, string> Rejected => new()
    {
        { typeof(bool), "maybe", "expected true/false, yes/no, on/off or 1/0" },
        { typeof(bool), "2", "expected true/false, yes/no, on/off or 1/0" },
        { typeof(int), "abc", "expected an integer from -2147483648 to 2147483647" },
        { typeof(int), "2147483648", "out of range: expected an integer from -2147483648 to 2147483647" },
        { typeof(int), "1.5", "expected an integer" },
        { typeof(int), "1,000", "expected an integer" },
        { typeof(int), "0xFFFFFFFF", "out of range: expected an integer from -2147483648 to 2147483647" },   // the converter: -1
        { typeof(int), "0x1G", "hexadecimal after 0x" },
        { typeof(int), "-0x10", "expected an integer" },
        { typeof(ushort), "70000", "out of range: expected an integer from 0 to 65535" },
        { typeof(byte), "-1", "out of range" },
        { typeof(double), "1,5", "expected a finite number" },
        { typeof(double), "NaN", "expected a finite number" },
        { typeof(double), "Infinity", "expected a finite number" },
        { typeof(float), "1e39", "out of range for Single" },
        { typeof(decimal), "1e30", "out of range for Decimal" },
        { typeof(TimeSpan), "30", "a bare number is ambiguous" },
        { typeof(TimeSpan), "30x", "unknown unit 'x'" },
        { typeof(TimeSpan), "1h30", "the last number has no unit" },
        { typeof(TimeSpan), "5m5m", "unit 'm' appears twice" },
        { typeof(TimeSpan), "PT", "not a valid ISO 8601 duration" },
        { typeof(TimeSpan), "25:99:00", "not a valid [d.]hh:mm:ss" },
        { typeof(TimeSpan), "soon", "not a duration" },
        { typeof(Mode), "Writable", "expected one of: ReadOnly, ReadWrite" },
        { typeof(Mode), "7", "expected one of: ReadOnly, ReadWrite" },
        { typeof(Access), "read, delete", "expected one of: None, Read, Write (or several" },
        { typeof(Uri), "/etc/orders", "expected an absolute URI" },
        { typeof(Uri), "orders.example", "expected an absolute URI" },
        { typeof(IPAddress), "1", "expected an IPv4 address" },
        { typeof(IPAddress), "10.0.0.256", "expected an IPv4 address" },
        { typeof(IPAddress), "db.internal", "expected an IPv4 address" },
        { typeof(EndPoint), "db.internal", "missing ':port'" },
        { typeof(EndPoint), "db.internal:0", "port '0' is not a number from 1 to 65535" },
        { typeof(EndPoint), "db.internal:99999", "port '99999' is not a number from 1 to 65535" },
        { typeof(EndPoint), "::1:80", "an IPv6 address needs brackets" },
        { typeof(EndPoint), "bad host:80", "is not a host name or IP address" },
        { typeof(Guid), "not-a-guid", "expected a GUID" },
        { typeof(DateTimeOffset), "yesterday", "expected an ISO 8601 date and time" },
        { typeof(DateOnly), "22/11/2026", "expected a date as yyyy-MM-dd" },
        { typeof(char), "ab", "expected exactly one character" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Accepts(Type type, string text, object expected)
    {
        var converter = ScalarConverters.For(type)!;
        Assert.True(converter.TryConvert(text, out var value, out var reason), reason);
        Assert.Equal(expected, value);
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejects_with_a_message_that_says_what_was_expected(Type type, string text, string expectedFragment)
    {
        var converter = ScalarConverters.For(type)!;
        Assert.False(converter.TryConvert(text, out _, out var reason));
        Assert.Contains(expectedFragment, reason);
    }

    [Theory]
    [InlineData("512", 512L)]
    [InlineData("64KB", 64_000L)]
    [InlineData("64KiB", 65_536L)]
    [InlineData("64 kib", 65_536L)]
    [InlineData("1.5MB", 1_500_000L)]
    [InlineData("2GiB", 2_147_483_648L)]
    [InlineData("1Mi", 1_048_576L)]
    public void Byte_sizes_accept_decimal_and_binary_units(string text, long expected)
    {
        var converter = ScalarConverters.ForByteSize(typeof(long))!;
        Assert.True(converter.TryConvert(text, out var value, out var reason), reason);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(typeof(long), "12XB", "unknown unit 'XB'")]
    [InlineData(typeof(long), "1.0001KB", "not a whole number of bytes")]
    [InlineData(typeof(int), "3GiB", "out of range: Int32 holds")]
    [InlineData(typeof(long), "lots", "expected a number of bytes")]
    public void Byte_sizes_reject_bad_units_fractions_and_overflow(Type type, string text, string expectedFragment)
    {
        var converter = ScalarConverters.ForByteSize(type)!;
        Assert.False(converter.TryConvert(text, out _, out var reason));
        Assert.Contains(expectedFragment, reason);
    }
}

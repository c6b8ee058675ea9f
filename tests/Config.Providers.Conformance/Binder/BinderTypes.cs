using Microsoft.Extensions.Configuration;

namespace Config.Providers.Conformance.Binder;

// The settings types the cases bind: ours, shaped after the types of ConfigurationBinder's tests (named in each case).

/// <summary>One value of any scalar type (the framework's type table binds <c>Value</c> of each type).</summary>
public sealed class Holder<T>
{
    public T Value { get; set; } = default!;
}

public sealed class NestedOptions
{
    public int Integer { get; set; }
}

public sealed class ComplexOptions
{
    public int Integer { get; set; }

    public bool Boolean { get; set; }

    public NestedOptions Nested { get; set; } = new();

    public string? Virtual { get; set; }
}

public sealed class KeyNamed
{
    [ConfigurationKeyName("Named_Property")]
    public string? NamedProperty { get; set; }
}

public sealed record Inner(string MyProp);

public sealed record Outer(Inner Nested);

public sealed record Point(int X, int Y);

public sealed record WithInit(string A)
{
    public int B { get; init; }
}

public sealed class InitOnly
{
    public string? Name { get; init; }

    public int Count { get; init; }
}

public sealed class PrivateSetter
{
    public int Visible { get; set; }

    public int Hidden { get; private set; }
}

public sealed class Lists
{
    public string[]? Array { get; set; }

    public List<int>? Numbers { get; set; }

    public IReadOnlyList<string>? ReadOnly { get; set; }

    public IEnumerable<string>? Sequence { get; set; }
}

public sealed class Maps
{
    public Dictionary<string, int>? ByName { get; set; }

    public Dictionary<int, string>? ByNumber { get; set; }

    public IReadOnlyDictionary<string, string>? ReadOnly { get; set; }
}

public enum Switch
{
    Option1,
    Option2,
}

public sealed class EnumKeyed
{
    public Dictionary<Switch, string>? Map { get; set; }
}

public sealed class InitialisedList
{
    public List<string> Items { get; set; } = ["default"];
}

public sealed class Names : List<string>
{
}

public sealed class DerivedListHolder
{
    public Names? Names { get; set; }
}

public sealed class Bytes
{
    public byte[]? Data { get; set; }
}

public sealed class Grid
{
    public string[,]? Cells { get; set; }
}

public sealed class ObjectMember
{
    public object? Object { get; set; }
}

public sealed class PairOptions
{
    public int A { get; set; }

    public int B { get; set; }
}

public sealed class WithDefaultObject
{
    public PairOptions Nested { get; set; } = new() { A = 1, B = 2 };
}

public sealed record Endpoint(string Host, int Port);

public sealed class WithDefaultRecord
{
    public Endpoint Database { get; set; } = new("localhost", 5432);
}

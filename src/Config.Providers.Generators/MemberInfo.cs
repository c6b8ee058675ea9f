using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Config.Providers.Generators;

/// <summary>A property or constructor parameter, with what the binder needs to know about it.</summary>
internal sealed class MemberInfo
{
    public MemberInfo(string key, string name, ITypeSymbol type)
    {
        Key = key;
        Name = name;
        Type = type;
    }

    public string Key { get; }

    public string Name { get; }

    public ITypeSymbol Type { get; }

    public bool ByteSize { get; set; }

    public bool Mutable { get; set; }

    public bool Secret { get; set; }

    public int ConstructorIndex { get; set; } = -1;

    public IParameterSymbol? Parameter { get; set; }

    public IPropertySymbol? Property { get; set; }

    public bool Required { get; set; }

    /// <summary>Set after construction (a public setter, or init).</summary>
    public bool Settable { get; set; }

    public bool PopulateInPlace { get; set; }

    public List<AttributeData> ValidationAttributes { get; } = new();
}

using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Config.Providers.Generators;

/// <summary>A settings class as the binder builds it: the constructor it calls and the members it binds.</summary>
internal sealed class ObjectInfo
{
    /// <summary>The constructor with parameters, or null for the parameterless one (or a struct's default).</summary>
    public IMethodSymbol? Constructor { get; set; }

    public List<MemberInfo> Members { get; } = new();

    /// <summary>Get-only properties the binder skips (CPS1002 when they carry attributes).</summary>
    public List<MemberInfo> Unbound { get; } = new();

    public bool Mutable { get; set; }

    public bool Secret { get; set; }

    public List<AttributeData> ClassAttributes { get; } = new();

    /// <summary>Has C# <c>required</c> members: <c>new T()</c> would not compile, so the constructor is reached directly.</summary>
    public bool HasRequiredMembers { get; set; }
}

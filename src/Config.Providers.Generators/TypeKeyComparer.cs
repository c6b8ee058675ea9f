using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Config.Providers.Generators;

/// <summary>A type and its [ByteSize] flag as one key; nullable annotations do not make another shape.</summary>
internal sealed class TypeKeyComparer : IEqualityComparer<(ITypeSymbol Type, bool ByteSize)>
{
    public static readonly TypeKeyComparer Instance = new();

    public bool Equals((ITypeSymbol Type, bool ByteSize) x, (ITypeSymbol Type, bool ByteSize) y) =>
        x.ByteSize == y.ByteSize && SymbolEqualityComparer.Default.Equals(x.Type, y.Type);

    public int GetHashCode((ITypeSymbol Type, bool ByteSize) obj) => (SymbolEqualityComparer.Default.GetHashCode(obj.Type) * 2) + (obj.ByteSize ? 1 : 0);
}

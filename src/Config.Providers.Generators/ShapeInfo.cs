using Microsoft.CodeAnalysis;

namespace Config.Providers.Generators;

/// <summary>One type as the binder will see it, worked out from symbols by <see cref="ShapeClassifier"/>.</summary>
internal sealed class ShapeInfo
{
    public ShapeInfo(ShapeKindInfo kind, ITypeSymbol type)
    {
        Kind = kind;
        Type = type;
    }

    public ShapeKindInfo Kind { get; }

    public ITypeSymbol Type { get; }

    /// <summary>Why the type cannot be generated, for <see cref="ShapeKindInfo.Unsupported"/>.</summary>
    public string? Reason { get; set; }

    /// <summary>The element, nullable's inner type, or dictionary value (with [ByteSize] carried down).</summary>
    public ITypeSymbol? Element { get; set; }

    public ITypeSymbol? Key { get; set; }

    /// <summary>[ByteSize] applies to the element types below a collection, as at run time.</summary>
    public bool ByteSize { get; set; }

    /// <summary>The converter a <c>[TypeConverter]</c> names.</summary>
    public ITypeSymbol? Converter { get; set; }

    public ObjectInfo? Object { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace Config.Providers.Settings.Binding;

/// <summary>A property or constructor parameter of a settings class, as the binder sees it.</summary>
internal sealed class MemberShape
{
    /// <summary>The configuration key segment (the name, or <c>[ConfigurationKeyName]</c>).</summary>
    public required string Key { get; init; }

    /// <summary>The C# name, used to map validation results back to keys.</summary>
    public required string Name { get; init; }

    public required TypeShape Shape { get; init; }

    public bool Mutable { get; init; }

    public bool Secret { get; init; }

    /// <summary>Index into the constructor's arguments, or -1.</summary>
    public int ConstructorIndex { get; init; } = -1;

    public bool HasDefaultArgument { get; init; }

    public object? DefaultArgument { get; init; }

    /// <summary>Missing from configuration is a problem (C# <c>required</c>, or a constructor parameter that cannot be null).</summary>
    public bool Required { get; init; }

    public Func<object, object?>? Getter { get; init; }

    public Action<object, object?>? Setter { get; init; }

    /// <summary>True for a get-only collection property that is filled in place.</summary>
    public bool PopulateInPlace { get; init; }

    public IReadOnlyList<ValidationAttribute> ValidationAttributes { get; init; } = [];
}

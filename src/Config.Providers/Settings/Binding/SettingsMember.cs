using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Config.Providers.Settings.Binding;

/// <summary>
/// A property or constructor parameter of a settings class: what the binder, the validators and the schema writer
/// read, made by the settings source generator (generated code creates it) or by the reflection fallback. Application
/// code has no use for it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SettingsMember
{
    /// <summary>The configuration key segment: the name, or the one <c>[ConfigurationKeyName]</c> gives.</summary>
    public required string Key { get; init; }

    /// <summary>The C# name, by which validators name the member.</summary>
    public required string Name { get; init; }

    /// <summary>The member's type.</summary>
    public required SettingsShape Shape { get; init; }

    /// <summary>Marked <see cref="MutableAttribute">[Mutable]</see> itself.</summary>
    public bool Mutable { get; init; }

    /// <summary>Marked <see cref="SecretAttribute">[Secret]</see> itself (names that look secret are added at run time).</summary>
    public bool Secret { get; init; }

    /// <summary>The position among the constructor's parameters, or -1 for a property set after construction.</summary>
    public int ConstructorIndex { get; init; } = -1;

    /// <summary>The constructor parameter has a default value.</summary>
    public bool HasDefaultArgument { get; init; }

    /// <summary>The constructor parameter's default value.</summary>
    public object? DefaultArgument { get; init; }

    /// <summary>Missing from configuration is a problem (C# <c>required</c>, or a parameter that cannot be null).</summary>
    public bool Required { get; init; }

    /// <summary>Reads the member from an instance; null for a constructor parameter with no property.</summary>
    public Func<object, object?>? Getter { get; init; }

    /// <summary>Writes the member on an instance; null when it is set through the constructor or filled in place.</summary>
    public Action<object, object?>? Setter { get; init; }

    /// <summary>A get-only collection property, filled in place.</summary>
    public bool PopulateInPlace { get; init; }

    /// <summary>DataAnnotations attributes on the member (property and constructor parameter).</summary>
    public IReadOnlyList<ValidationAttribute>? ValidationAttributes { get; init; }

    /// <summary>The member's type as the binder walks it.</summary>
    internal TypeShape TypeShape => Shape.Shape;

    /// <summary>The DataAnnotations attributes, none when not given.</summary>
    internal IReadOnlyList<ValidationAttribute> Attributes => ValidationAttributes ?? [];

    /// <summary>
    /// This member as the binder uses it inside its type: <c>[Mutable]</c> or <c>[Secret]</c> on the type, and a name that
    /// looks secret, apply to it as if written on the member.
    /// </summary>
    internal SettingsMember InType(bool typeMutable, bool typeSecret) => new()
    {
        Key = Key,
        Name = Name,
        Shape = Shape,
        Mutable = typeMutable || Mutable,
        Secret = typeSecret || Secret || Redaction.SecretKeys.LooksSecret(Name),
        ConstructorIndex = ConstructorIndex,
        HasDefaultArgument = HasDefaultArgument,
        DefaultArgument = DefaultArgument,
        Required = Required,
        Getter = Getter,
        Setter = Setter,
        PopulateInPlace = PopulateInPlace,
        ValidationAttributes = Attributes,
    };
}

using Config.Providers.Core;
using Config.Providers.Settings.Redaction;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Settings.Binding;

/// <summary>
/// Binds a configuration section to a settings type with coercion. It never throws for bad configuration:
/// every problem is recorded in the <see cref="BindingContext"/> with its full key, and binding goes on so that
/// all problems are reported at once.
/// </summary>
internal static partial class SettingsBinder
{
    /// <summary>
    /// Binds the section at <paramref name="sectionPath"/> of <paramref name="configuration"/> (the whole configuration
    /// when empty); returns an instance even when the section is absent.
    /// </summary>
    public static object Bind(TypeShape shape, IConfiguration configuration, string sectionPath, BindingContext context)
    {
        var section = SectionTree.Read(configuration, sectionPath);
        var flags = new Flags(false, shape.Kind == ShapeKind.Object && shape.Object.Secret);
        if (shape.Kind == ShapeKind.Object)
        {
            return BindObject(shape.Object, MatchMembers(shape.Object, section, context), section.Path, flags, context);
        }

        var result = BindFromParts(shape, section.Value, section, flags, context, existing: null, out var bound);
        return bound && result is not null ? result : CreateEmpty(shape);
    }

    private static object CreateEmpty(TypeShape shape) => shape.Kind switch
    {
        ShapeKind.Collection => shape.Builder!.Build(new List<object?>()),
        ShapeKind.Dictionary => shape.Builder!.Build(new List<KeyValuePair<object, object?>>()),
        _ => throw new InvalidOperationException($"A settings root must be a class, collection or dictionary, not {shape.Type}."),
    };

    private const int MaxDepth = 64;

    private static object? BindValue(TypeShape shape, SectionNode section, Flags flags, BindingContext context, object? existing, out bool bound)
    {
        if (context.Depth >= MaxDepth)
        {
            context.Problem(section.Path, $"nested deeper than {MaxDepth} levels");
            bound = false;
            return null;
        }

        context.Depth++;
        try
        {
            return BindSection(shape, section, flags, context, existing, out bound);
        }
        finally
        {
            context.Depth--;
        }
    }

    private static object? BindSection(TypeShape shape, SectionNode section, Flags flags, BindingContext context, object? existing, out bool bound)
    {
        var value = section.Value;
        if (shape.Kind is ShapeKind.Scalar && value is not null)
        {
            // The common case, without looking at children.
            return BindScalar(shape, value, section.Path, flags, context, out bound);
        }

        return BindFromParts(shape, value, section, flags, context, existing, out bound);
    }

    private static object? BindFromParts(TypeShape shape, string? value, SectionNode section, Flags flags, BindingContext context, object? existing, out bool bound)
    {
        bound = false;
        var path = section.Path;
        var children = section.Children;
        if (!string.IsNullOrEmpty(value) && children.Count > 0 && shape.Kind != ShapeKind.Scalar)
        {
            // Two sources disagree on the shape (say, an env var "Hosts=a,b" over a file's Hosts:0, Hosts:1);
            // picking one silently would hide the other.
            context.Problem(path, $"has both a value ({Show(value, flags)}) and child keys ({string.Join(", ", Sorted(children).Take(3).Select(c => c.Key))}); remove one of them");
            return null;
        }

        switch (shape.Kind)
        {
            case ShapeKind.Scalar:
                if (children.Count > 0)
                {
                    context.Problem(path, $"expected a single {shape.DisplayName} value, found child keys ({string.Join(", ", Sorted(children).Take(3).Select(c => c.Key))})");
                    return null;
                }

                return value is null ? null : BindScalar(shape, value, path, flags, context, out bound);

            case ShapeKind.Nullable:
                if (value is { Length: 0 } && children.Count == 0)
                {
                    context.Raw.Add(path, value, flags.Mutable, flags.Secret);
                    bound = true;
                    return null;
                }

                return BindFromParts(shape.Element!, value, section, flags, context, existing, out bound);

            case ShapeKind.Object:
                if (children.Count == 0)
                {
                    if (string.IsNullOrEmpty(value))
                    {
                        // Absent keeps the default; an explicit empty value (YAML "{}") makes an object of defaults.
                        if (value is null)
                        {
                            return null;
                        }

                        context.Raw.Add(path, value, flags.Mutable, flags.Secret);
                    }
                    else
                    {
                        context.Problem(path, $"expected child keys for {shape.DisplayName}, found a single value");
                        return null;
                    }
                }

                bound = true;
                return BindObject(shape.Object, MatchMembers(shape.Object, section, context), path, flags, context, existing);

            case ShapeKind.Collection:
                return BindCollection(shape, value, children, path, flags, context, existing, out bound);

            case ShapeKind.Dictionary:
                return BindDictionary(shape, value, Sorted(children), path, flags, context, existing, out bound);

            default:
                throw new InvalidOperationException($"Unexpected shape {shape.Kind}.");
        }
    }

    /// <summary>Keys in the order <c>IConfiguration.GetChildren()</c> gives them (numbers by value), for what users see in order.</summary>
    private static IReadOnlyList<SectionNode> Sorted(IReadOnlyList<SectionNode> nodes)
    {
        if (nodes.Count < 2)
        {
            return nodes;
        }

        var sorted = nodes.ToArray();
        Array.Sort(sorted, static (a, b) => ConfigurationKeyComparer.Instance.Compare(a.Key, b.Key));
        return sorted;
    }

    private static object? BindScalar(TypeShape shape, string value, string path, Flags flags, BindingContext context, out bool bound)
    {
        if (SecretKeys.LooksSecretValue(value))
        {
            // Key material is secret whatever the member is called.
            flags = flags with { Secret = true };
        }

        context.Raw.Add(path, value, flags.Mutable, flags.Secret);
        if (TryConvertScalar(shape, value, out var result, out var reason))
        {
            bound = true;
            return result;
        }

        bound = false;
        context.Problem(path, value.Length == 0
            ? $"empty value; expected {shape.DisplayName} ({reason})"
            : $"{Show(value, flags)} is not a valid {shape.DisplayName}: {reason}");
        return null;
    }

    internal static bool TryConvertScalar(TypeShape shape, string text, out object? value, out string? reason)
    {
        if (text.Length == 0 && shape.Type != typeof(string))
        {
            // Runs the converter only to learn what it expects, for the message.
            shape.Scalar!.TryConvert(text, out _, out reason);
            value = null;
            return false;
        }

        return shape.Scalar!.TryConvert(text, out value, out reason);
    }

    private static bool IsObject(TypeShape shape) => shape.Kind == ShapeKind.Object || (shape.Kind == ShapeKind.Nullable && shape.Element!.Kind == ShapeKind.Object);

    private static string Show(string value, Flags flags) => Show(value, flags.Secret);

    /// <summary>A value as error messages quote it: in quotes, or the mask when it is secret.</summary>
    internal static string Show(string value, bool secret) => secret ? SecretAttribute.Mask : $"'{value}'";

    private static string Join(string path, string key) => ConfigurationKeys.Join(path, key);

    /// <summary>The one wording of a required member or constructor parameter that no key supplies.</summary>
    private static void Missing(BindingContext context, string key, TypeShape shape) => context.Problem(key, $"required {shape.DisplayName} setting is missing");

    /// <summary>Mutability and secrecy inherited down the tree.</summary>
    private readonly record struct Flags(bool Mutable, bool Secret)
    {
        public Flags For(SettingsMember member) => new(Mutable || member.Mutable, Secret || member.Secret);

        public Flags ForKey(string key) => SecretKeys.LooksSecret(key) ? this with { Secret = true } : this;
    }
}

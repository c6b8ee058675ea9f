using System.Globalization;
using Config.Providers.Core;
using Config.Providers.Settings.Redaction;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Settings.Binding;

/// <summary>
/// Binds a configuration section to a settings type with coercion. It never throws for bad configuration:
/// every problem is recorded in the <see cref="BindingContext"/> with its full key, and binding goes on so that
/// all problems are reported at once.
/// </summary>
internal static class SettingsBinder
{
    /// <summary>Binds <paramref name="section"/>; returns an instance even when the section is absent.</summary>
    public static object Bind(TypeShape shape, IConfiguration section, BindingContext context)
    {
        var path = (section as IConfigurationSection)?.Path ?? string.Empty;
        var flags = new Flags(false, shape.Kind == ShapeKind.Object && shape.Object.Secret);
        if (shape.Kind == ShapeKind.Object)
        {
            // Listing a section's children sorts every key below it (ConfigurationProvider.GetChildKeys), which
            // for the top section costs more than binding it. It is needed to find unknown keys; when they are
            // ignored, look each member up instead, as the binding source generator does.
            var found = context.UnknownKeys == UnknownKeyPolicy.Ignore
                ? LookUpMembers(shape.Object, section)
                : MatchMembers(shape.Object, section.GetChildren(), context);
            return BindObject(shape.Object, found, path, flags, context);
        }

        var value = (section as IConfigurationSection)?.Value;
        var result = BindFromParts(shape, value, section.GetChildren().ToList(), path, flags, context, existing: null, out var bound);
        return bound && result is not null ? result : CreateEmpty(shape);
    }

    private static object CreateEmpty(TypeShape shape) => shape.Kind switch
    {
        ShapeKind.Collection => shape.Builder!.Build(new List<object?>()),
        ShapeKind.Dictionary => shape.Builder!.Build(new List<KeyValuePair<object, object?>>()),
        _ => throw new InvalidOperationException($"A settings root must be a class, collection or dictionary, not {shape.Type}."),
    };

    private const int MaxDepth = 64;

    private static object? BindValue(TypeShape shape, IConfigurationSection section, Flags flags, BindingContext context, object? existing, out bool bound)
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

    private static object? BindSection(TypeShape shape, IConfigurationSection section, Flags flags, BindingContext context, object? existing, out bool bound)
    {
        var value = section.Value;
        if (shape.Kind is ShapeKind.Scalar && value is not null)
        {
            // The common case, without asking for children.
            return BindScalar(shape, value, section.Path, flags, context, out bound);
        }

        var children = section.GetChildren().ToList();
        return BindFromParts(shape, value, children, section.Path, flags, context, existing, out bound);
    }

    private static object? BindFromParts(TypeShape shape, string? value, List<IConfigurationSection> children, string path, Flags flags, BindingContext context, object? existing, out bool bound)
    {
        bound = false;
        if (!string.IsNullOrEmpty(value) && children.Count > 0 && shape.Kind != ShapeKind.Scalar)
        {
            // Two sources disagree on the shape (say, an env var "Hosts=a,b" over a file's Hosts:0, Hosts:1);
            // picking one silently would hide the other.
            context.Problem(path, $"has both a value ({Show(value, flags)}) and child keys ({string.Join(", ", children.Take(3).Select(c => c.Key))}); remove one of them");
            return null;
        }

        switch (shape.Kind)
        {
            case ShapeKind.Scalar:
                if (children.Count > 0)
                {
                    context.Problem(path, $"expected a single {shape.DisplayName} value, found child keys ({string.Join(", ", children.Take(3).Select(c => c.Key))})");
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

                return BindFromParts(shape.Element!, value, children, path, flags, context, existing, out bound);

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
                return BindObject(shape.Object, MatchMembers(shape.Object, children, context), path, flags, context, existing);

            case ShapeKind.Collection:
                return BindCollection(shape, value, children, path, flags, context, existing, out bound);

            case ShapeKind.Dictionary:
                return BindDictionary(shape, value, children, path, flags, context, existing, out bound);

            default:
                throw new InvalidOperationException($"Unexpected shape {shape.Kind}.");
        }
    }

    /// <summary>Pairs each child section with its member; reports children that match none.</summary>
    private static IConfigurationSection?[] MatchMembers(ObjectShape shape, IEnumerable<IConfigurationSection> children, BindingContext context)
    {
        var found = new IConfigurationSection?[shape.Members.Length];
        foreach (var child in children)
        {
            if (shape.IndexByKey.TryGetValue(child.Key, out var index))
            {
                found[index] = child;
            }
            else
            {
                ReportUnknown(shape, child, context);
            }
        }

        return found;
    }

    private static IConfigurationSection?[] LookUpMembers(ObjectShape shape, IConfiguration section)
    {
        var found = new IConfigurationSection?[shape.Members.Length];
        for (var i = 0; i < found.Length; i++)
        {
            found[i] = section.GetSection(shape.Members[i].Key);
        }

        return found;
    }

    /// <summary>
    /// Builds an object from its keys. <paramref name="template"/> is the value the parent's initializer gave the member
    /// (<c>Database { get; set; } = new("localhost")</c>): what configuration does not set comes from it — a
    /// constructor argument or a property — so a default survives a configuration that sets only part of the object.
    /// </summary>
    private static object BindObject(ObjectShape shape, IConfigurationSection?[] found, string path, Flags flags, BindingContext context, object? template = null)
    {
        var members = shape.Members;
        var arguments = shape.ConstructorArity == 0 ? [] : new object?[shape.ConstructorArity];
        for (var i = 0; i < members.Length; i++)
        {
            var member = members[i];
            if (member.ConstructorIndex < 0)
            {
                continue;
            }

            object? argument = null;
            var bound = false;
            var problemsBefore = context.Problems.Count;
            if (found[i] is { } section)
            {
                argument = BindValue(member.TypeShape, section, flags.For(member), context, null, out bound);
            }

            var fromTemplate = !bound && template is not null && member.Getter is not null;
            if (!bound && !fromTemplate && member.Required && context.Problems.Count == problemsBefore)
            {
                Missing(context, Join(path, member.Key), member.TypeShape);
            }

            if (!bound)
            {
                argument = fromTemplate ? member.Getter!(template!) : member.HasDefaultArgument ? member.DefaultArgument : null;
            }

            arguments[member.ConstructorIndex] = argument ?? member.TypeShape.DefaultValue;
        }

        var instance = shape.Construct(arguments);
        for (var i = 0; i < members.Length; i++)
        {
            var member = members[i];
            if (member.ConstructorIndex >= 0)
            {
                continue;
            }

            if (found[i] is not { } section)
            {
                if (template is not null && member.Getter is not null && member.Setter is not null && !member.PopulateInPlace)
                {
                    member.Setter(instance, member.Getter(template));
                }
                else if (member.Required)
                {
                    Missing(context, Join(path, member.Key), member.TypeShape);
                }

                continue;
            }

            var problemsBefore = context.Problems.Count;

            // A collection filled in place, or the initializer's object as the template of a partial configuration.
            var existing = member.PopulateInPlace || IsObject(member.TypeShape) ? member.Getter?.Invoke(instance) : null;
            if (member.PopulateInPlace && existing is null)
            {
                context.Problem(section.Path, "read-only collection property is null, so it cannot be filled; give it an initializer or a setter");
                continue;
            }

            var value = BindValue(member.TypeShape, section, flags.For(member), context, existing, out var bound);
            if (bound && !member.PopulateInPlace)
            {
                member.Setter!(instance, value);
            }
            else if (!bound && member.Required && context.Problems.Count == problemsBefore)
            {
                Missing(context, section.Path, member.TypeShape);
            }
        }

        return instance;
    }

    private static object? BindCollection(TypeShape shape, string? value, List<IConfigurationSection> children, string path, Flags flags, BindingContext context, object? existing, out bool bound)
    {
        var items = new List<object?>(children.Count);
        bound = false;
        if (children.Count > 0)
        {
            var indexed = new List<(int Index, IConfigurationSection Section)>(children.Count);
            foreach (var child in children)
            {
                if (int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    indexed.Add((index, child));
                }
                else
                {
                    // A stray key under a list is an unknown key like any other: reported under the UnknownKeys policy
                    // (a warning by default), and the list binds from its indexes.
                    ReportStrayListKey(shape, child, context);
                }
            }

            indexed.Sort(static (a, b) => a.Index.CompareTo(b.Index));
            foreach (var (_, section) in indexed)
            {
                var item = BindValue(shape.Element!, section, flags, context, null, out var itemBound);
                if (itemBound)
                {
                    items.Add(item);
                }
            }
        }
        else if (value is null)
        {
            return null;
        }
        else if (!InlineListReader.TryRead(shape, value, path, flags.Mutable, flags.Secret, context, items))
        {
            return null;
        }

        bound = true;
        if (existing is not null)
        {
            shape.Builder!.Populate(existing, items);
            return existing;
        }

        return shape.Builder!.Build(items);
    }

    private static object? BindDictionary(TypeShape shape, string? value, List<IConfigurationSection> children, string path, Flags flags, BindingContext context, object? existing, out bool bound)
    {
        bound = false;
        if (children.Count == 0)
        {
            if (value is null)
            {
                return null;
            }

            if (value.Length > 0)
            {
                context.Problem(path, $"expected child keys for a dictionary of {shape.Element!.DisplayName}, found a single value");
                return null;
            }

            context.Raw.Add(path, value, flags.Mutable, flags.Secret);
        }

        var entries = new List<KeyValuePair<object, object?>>(children.Count);
        foreach (var child in children)
        {
            if (!shape.KeyConverter!.TryConvert(child.Key, out var key, out var reason))
            {
                context.Problem(child.Path, $"'{child.Key}' is not a valid {shape.KeyConverter.TypeName} key: {reason}");
                continue;
            }

            var item = BindValue(shape.Element!, child, flags.ForKey(child.Key), context, null, out var itemBound);
            if (itemBound)
            {
                entries.Add(new(key!, item));
            }
        }

        bound = true;
        if (existing is not null)
        {
            shape.Builder!.Populate(existing, entries);
            return existing;
        }

        return shape.Builder!.Build(entries);
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

    private static void ReportUnknown(ObjectShape shape, IConfigurationSection child, BindingContext context)
    {
        if (context.UnknownKeys == UnknownKeyPolicy.Ignore)
        {
            return;
        }

        var suggestion = KeySuggester.Suggest(child.Key, shape.Members.Select(m => m.Key));
        var message = $"unknown setting: {shape.Type.Name} has no member '{child.Key}'{(suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)")}";
        if (context.UnknownKeys == UnknownKeyPolicy.Error)
        {
            context.Problem(child.Path, message);
        }
        else
        {
            context.Warning(child.Path, message);
        }
    }

    private static bool IsObject(TypeShape shape) => shape.Kind == ShapeKind.Object || (shape.Kind == ShapeKind.Nullable && shape.Element!.Kind == ShapeKind.Object);

    private static void ReportStrayListKey(TypeShape list, IConfigurationSection child, BindingContext context)
    {
        var message = $"unknown setting: '{child.Key}' is not a list index (0, 1, 2 …) in a list of {list.Element!.DisplayName}";
        switch (context.UnknownKeys)
        {
            case UnknownKeyPolicy.Error:
                context.Problem(child.Path, message);
                break;
            case UnknownKeyPolicy.Warn:
                context.Warning(child.Path, message);
                break;
        }
    }

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

using System.Diagnostics.CodeAnalysis;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Numerics;
using Config.Providers.Settings.Binding;
using Config.Providers.Settings.Coercion;
using Config.Providers.Settings.Pipeline;
using Config.Providers.Settings.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Config.Providers.Settings.Metadata;

/// <summary>
/// What code written by the settings source generator calls: describes settings types without reflection and
/// registers <c>AddSettings&lt;T&gt;</c> with that description. Application code has no use for it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SettingsShapes
{
    /// <summary>A type from the coercion table, or an enum.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <returns>Its shape.</returns>
    public static SettingsShape Scalar<T>() => Wrap(TypeShape.ForScalar<T>(ScalarConverters.For(typeof(T))
        ?? throw new InvalidOperationException($"{typeof(T)} is not in the coercion table.")));

    /// <summary>An integer declared with <see cref="ByteSizeAttribute">[ByteSize]</see>.</summary>
    /// <typeparam name="T">int, uint, long or ulong.</typeparam>
    /// <returns>Its shape.</returns>
    public static SettingsShape ByteSize<T>()
        where T : IBinaryInteger<T>, IMinMaxValue<T> => Wrap(TypeShape.ForScalar<T>(ScalarConverters.ForByteSize(typeof(T))
        ?? throw new InvalidOperationException($"[ByteSize] applies to int, uint, long and ulong settings, not {typeof(T)}.")));

    /// <summary>A type read by its own <see cref="TypeConverter"/>.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="converter">The converter its <c>[TypeConverter]</c> names.</param>
    /// <returns>Its shape.</returns>
    public static SettingsShape Converted<T>(TypeConverter converter) =>
        Wrap(TypeShape.ForScalar<T>(ScalarConverters.FromTypeConverter(typeof(T), converter)));

    /// <summary>A nullable value type.</summary>
    /// <typeparam name="T">The underlying type.</typeparam>
    /// <param name="value">The underlying type's shape.</param>
    /// <returns>Its shape.</returns>
    public static SettingsShape Nullable<T>(SettingsShape value)
        where T : struct => Wrap(TypeShape.ForNullable<T>(value.Shape));

    /// <summary>An array.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="element">The element's shape.</param>
    /// <returns>Its shape.</returns>
    public static SettingsShape Array<T>(SettingsShape element) => Wrap(TypeShape.ForCollection<T[]>(CollectionBuilder.Array<T>(), element.Shape));

    /// <summary>A list, or a list interface, built as a <see cref="List{T}"/>.</summary>
    /// <typeparam name="TCollection">The declared type.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="element">The element's shape.</param>
    /// <returns>Its shape.</returns>
    public static SettingsShape List<TCollection, T>(SettingsShape element)
        where TCollection : IEnumerable<T> => Wrap(TypeShape.ForCollection<TCollection>(CollectionBuilder.List<T>(), element.Shape));

    /// <summary>A set, or a set interface, built as a <see cref="HashSet{T}"/>.</summary>
    /// <typeparam name="TCollection">The declared type.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="element">The element's shape.</param>
    /// <returns>Its shape.</returns>
    public static SettingsShape Set<TCollection, T>(SettingsShape element)
        where TCollection : IEnumerable<T> => Wrap(TypeShape.ForCollection<TCollection>(CollectionBuilder.Set<T>(), element.Shape));

    /// <summary>A dictionary, or a dictionary interface, built as a <see cref="Dictionary{TKey, TValue}"/>.</summary>
    /// <typeparam name="TDictionary">The declared type.</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="key">The key's shape (a scalar).</param>
    /// <param name="value">The value's shape.</param>
    /// <returns>Its shape.</returns>
    public static SettingsShape Dictionary<TDictionary, TKey, TValue>(SettingsShape key, SettingsShape value)
        where TKey : notnull => Wrap(TypeShape.ForDictionary<TDictionary>(CollectionBuilder.Dictionary<TKey, TValue>(), KeyConverter(key), value.Shape));

    /// <summary>A class deriving from <see cref="List{T}"/>: created, then filled.</summary>
    /// <typeparam name="TList">The class.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="create">Calls its parameterless constructor.</param>
    /// <param name="element">The element's shape.</param>
    /// <returns>Its shape.</returns>
    public static SettingsShape DerivedList<TList, T>(Func<TList> create, SettingsShape element)
        where TList : ICollection<T> =>
        Wrap(TypeShape.ForCollection<TList>(CollectionBuilder.DerivedList<TList, T>(create), element.Shape));

    /// <summary>A class deriving from <see cref="Dictionary{TKey, TValue}"/>: created, then filled.</summary>
    /// <typeparam name="TDictionary">The class.</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="create">Calls its parameterless constructor.</param>
    /// <param name="key">The key's shape (a scalar).</param>
    /// <param name="value">The value's shape.</param>
    /// <returns>Its shape.</returns>
    public static SettingsShape DerivedDictionary<TDictionary, TKey, TValue>(Func<TDictionary> create, SettingsShape key, SettingsShape value)
        where TDictionary : IDictionary<TKey, TValue>
        where TKey : notnull =>
        Wrap(TypeShape.ForDictionary<TDictionary>(CollectionBuilder.DerivedDictionary<TDictionary, TKey, TValue>(create), KeyConverter(key), value.Shape));

    /// <summary>A class, record or struct with members.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="members">Its members, asked for on first use (so recursive types terminate).</param>
    /// <param name="constructorArity">How many arguments <paramref name="construct"/> takes.</param>
    /// <param name="construct">Calls the constructor the binder uses.</param>
    /// <param name="mutable">The type is <see cref="MutableAttribute">[Mutable]</see>.</param>
    /// <param name="secret">The type is <see cref="SecretAttribute">[Secret]</see>.</param>
    /// <param name="classAttributes">DataAnnotations attributes on the type.</param>
    /// <returns>Its shape.</returns>
    public static SettingsShape Object<T>(
        Func<SettingsMember[]> members,
        int constructorArity,
        Func<object?[], object> construct,
        bool mutable = false,
        bool secret = false,
        IReadOnlyList<ValidationAttribute>? classAttributes = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(construct);
        return Wrap(TypeShape.ForObject<T>(() => new ObjectShape(
            typeof(T),
            [.. members().Select(m => m.InType(mutable, secret))],
            constructorArity,
            construct,
            classAttributes ?? [],
            secret)));
    }

    /// <summary>A flag of <see cref="Member"/>: marked <see cref="MutableAttribute">[Mutable]</see> itself.</summary>
    public const int MemberMutable = 1;

    /// <summary>A flag of <see cref="Member"/>: marked <see cref="SecretAttribute">[Secret]</see> itself.</summary>
    public const int MemberSecret = 2;

    /// <summary>A flag of <see cref="Member"/>: missing from configuration is a problem.</summary>
    public const int MemberRequired = 4;

    /// <summary>A flag of <see cref="Member"/>: read through the type's getter.</summary>
    public const int MemberReadable = 8;

    /// <summary>A flag of <see cref="Member"/>: written through the type's setter.</summary>
    public const int MemberWritable = 16;

    /// <summary>A flag of <see cref="Member"/>: a get-only collection property, filled in place.</summary>
    public const int MemberPopulateInPlace = 32;

    /// <summary>A flag of <see cref="Member"/>: a constructor parameter with a default value.</summary>
    public const int MemberHasDefaultArgument = 64;

    /// <summary>
    /// A member of a generated type, read and written through one getter and one setter for the whole type that take
    /// the member's index.
    /// </summary>
    /// <remarks>
    /// Generated code runs in the application's own assembly, which no package can precompile, so the JIT compiles all
    /// of it at start: a call here per member, and two switches per type, are about a quarter of the code an
    /// initializer and two lambdas per member were (docs/benchmarks.md, "Startup").
    /// </remarks>
    /// <param name="get">Reads the member at an index from an instance; null when the type has no readable member.</param>
    /// <param name="set">Writes the member at an index on an instance; null when the type has no writable member.</param>
    /// <param name="index">This member's index for <paramref name="get"/> and <paramref name="set"/>.</param>
    /// <param name="key">The configuration key segment.</param>
    /// <param name="name">The C# name.</param>
    /// <param name="shape">The member's type.</param>
    /// <param name="flags">The <c>Member…</c> flags that hold, combined.</param>
    /// <param name="constructorIndex">The position among the constructor's parameters, or -1.</param>
    /// <param name="defaultArgument">The constructor parameter's default value, with <see cref="MemberHasDefaultArgument"/>.</param>
    /// <param name="attributes">DataAnnotations attributes on the member, or null.</param>
    /// <returns>The member.</returns>
    public static SettingsMember Member(
        Func<object, int, object?>? get,
        Action<object, int, object?>? set,
        int index,
        string key,
        string name,
        SettingsShape shape,
        int flags,
        int constructorIndex = -1,
        object? defaultArgument = null,
        ValidationAttribute[]? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        return new SettingsMember
        {
            Key = key,
            Name = name,
            Shape = shape,
            Mutable = (flags & MemberMutable) != 0,
            Secret = (flags & MemberSecret) != 0,
            Required = (flags & MemberRequired) != 0,
            ConstructorIndex = constructorIndex,
            HasDefaultArgument = (flags & MemberHasDefaultArgument) != 0,
            DefaultArgument = defaultArgument,
            Getter = (flags & MemberReadable) != 0 ? Getter(get, index, name) : null,
            Setter = (flags & MemberWritable) != 0 ? Setter(set, index, name) : null,
            PopulateInPlace = (flags & MemberPopulateInPlace) != 0,
            ValidationAttributes = attributes,
        };
    }

    /// <summary>
    /// <c>AddSettings&lt;T&gt;</c> with a generated description of <typeparamref name="T"/>: what the generator's
    /// interceptor for each call site calls instead of the reflection path.
    /// </summary>
    /// <typeparam name="T">The settings type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The options name.</param>
    /// <param name="sectionPath">The configuration section.</param>
    /// <param name="configure">Optional policies.</param>
    /// <param name="shape">The generated description of <typeparamref name="T"/>.</param>
    /// <returns>The options builder.</returns>
    public static OptionsBuilder<T> AddSettings<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IServiceCollection services, string name, string sectionPath, Action<SettingsOptions>? configure, SettingsShape shape)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(shape);
        return SettingsRegistration.Add<T>(services, name, sectionPath, configure, shape.Shape);
    }

    private static ScalarConverter KeyConverter(SettingsShape key) => key.Shape.Scalar
        ?? throw new InvalidOperationException($"Dictionary keys of type {key.Shape.Type} cannot be read from configuration keys.");

    private static SettingsShape Wrap(TypeShape shape) => new(shape);

    private static Func<object, object?> Getter(Func<object, int, object?>? get, int index, string name)
    {
        // Not ThrowIfNull with an interpolated name: that would build the string for every member, at every start.
        if (get is null)
        {
            throw new ArgumentNullException(nameof(get), $"Member {name} is readable, but no getter was given.");
        }

        return o => get(o, index);
    }

    private static Action<object, object?> Setter(Action<object, int, object?>? set, int index, string name)
    {
        if (set is null)
        {
            throw new ArgumentNullException(nameof(set), $"Member {name} is writable, but no setter was given.");
        }

        return (o, v) => set(o, index, v);
    }
}

using System.ComponentModel.DataAnnotations;

namespace Config.Providers.Settings.Binding;

/// <summary>
/// How to build a settings class: its members (properties and constructor parameters, merged by name, as
/// records declare them) with their accessors, and the constructor to call.
/// </summary>
internal sealed class ObjectShape
{
    private readonly Func<object?[], object> construct;

    public ObjectShape(Type type, SettingsMember[] members, int constructorArity, Func<object?[], object> construct, IReadOnlyList<ValidationAttribute> classAttributes, bool secret)
    {
        Type = type;
        Members = members;
        ConstructorArity = constructorArity;
        this.construct = construct;
        ClassAttributes = classAttributes;
        Secret = secret;
        IndexByKey = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < members.Length; i++)
        {
            IndexByKey.TryAdd(members[i].Key, i);
        }

        IndexByKeySpan = IndexByKey.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public Type Type { get; }

    public SettingsMember[] Members { get; }

    /// <summary>Member index by configuration key, ignoring case as configuration does.</summary>
    public Dictionary<string, int> IndexByKey { get; }

    /// <summary><see cref="IndexByKey"/> looked up by a span of a longer key, without cutting it out.</summary>
    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> IndexByKeySpan { get; }

    public int ConstructorArity { get; }

    public IReadOnlyList<ValidationAttribute> ClassAttributes { get; }

    /// <summary>The class itself is <c>[Secret]</c>: every value in it is.</summary>
    public bool Secret { get; }

    public object Construct(object?[] arguments) => construct(arguments);

    public SettingsMember? FindByName(string name) => Members.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
}

using System.Reflection;

namespace Config.Providers.Settings.Binding;

/// <summary>Builds (or fills in place) the declared collection or dictionary type from bound items.</summary>
internal sealed class CollectionBuilder
{
    private readonly Func<List<object?>, object>? buildCollection;
    private readonly Func<List<KeyValuePair<object, object?>>, object>? buildDictionary;
    private readonly Action<object, List<object?>>? populateCollection;
    private readonly Action<object, List<KeyValuePair<object, object?>>>? populateDictionary;

    private CollectionBuilder(
        Func<List<object?>, object>? buildCollection,
        Action<object, List<object?>>? populateCollection,
        Func<List<KeyValuePair<object, object?>>, object>? buildDictionary,
        Action<object, List<KeyValuePair<object, object?>>>? populateDictionary)
    {
        this.buildCollection = buildCollection;
        this.populateCollection = populateCollection;
        this.buildDictionary = buildDictionary;
        this.populateDictionary = populateDictionary;
    }

    public object Build(List<object?> items) => buildCollection!(items);

    public object Build(List<KeyValuePair<object, object?>> entries) => buildDictionary!(entries);

    public void Populate(object target, List<object?> items) => populateCollection!(target, items);

    public void Populate(object target, List<KeyValuePair<object, object?>> entries) => populateDictionary!(target, entries);

    public static bool IsCollectionLike(Type type) =>
        type.IsArray || (type.IsGenericType && type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type));

    public static bool TryCreateCollection(Type type, out CollectionBuilder? builder, out Type? elementType)
    {
        builder = null;
        elementType = null;
        if (type.IsArray && type.GetArrayRank() == 1)
        {
            elementType = type.GetElementType()!;
            builder = Make(nameof(BuildArray), nameof(PopulateList), elementType);
            return true;
        }

        if (!type.IsGenericType)
        {
            return false;
        }

        var definition = type.GetGenericTypeDefinition();
        var argument = type.GetGenericArguments()[0];
        if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(ICollection<>)
            || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>))
        {
            elementType = argument;
            builder = Make(nameof(BuildList), nameof(PopulateList), argument);
            return true;
        }

        if (definition == typeof(HashSet<>) || definition == typeof(ISet<>) || definition == typeof(IReadOnlySet<>))
        {
            elementType = argument;
            builder = Make(nameof(BuildSet), nameof(PopulateList), argument);
            return true;
        }

        return false;
    }

    public static bool TryCreateDictionary(Type type, out CollectionBuilder? builder, out Type? keyType, out Type? valueType)
    {
        builder = null;
        keyType = null;
        valueType = null;
        if (!type.IsGenericType)
        {
            return TryCreateDerivedDictionary(type, ref builder, ref keyType, ref valueType);
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition != typeof(Dictionary<,>) && definition != typeof(IDictionary<,>) && definition != typeof(IReadOnlyDictionary<,>))
        {
            return false;
        }

        var arguments = type.GetGenericArguments();
        keyType = arguments[0];
        valueType = arguments[1];
        var build = typeof(CollectionBuilder).GetMethod(nameof(BuildDictionary), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(arguments);
        var populate = typeof(CollectionBuilder).GetMethod(nameof(PopulateDictionary), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(arguments);
        builder = new CollectionBuilder(
            null,
            null,
            build.CreateDelegate<Func<List<KeyValuePair<object, object?>>, object>>(),
            populate.CreateDelegate<Action<object, List<KeyValuePair<object, object?>>>>());
        return true;
    }

    /// <summary>A class deriving from <c>Dictionary&lt;K,V&gt;</c> (such as a named map type): created, then filled.</summary>
    private static bool TryCreateDerivedDictionary(Type type, ref CollectionBuilder? builder, ref Type? keyType, ref Type? valueType)
    {
        var baseType = type.BaseType;
        while (baseType is not null && !(baseType.IsGenericType && baseType.GetGenericTypeDefinition() == typeof(Dictionary<,>)))
        {
            baseType = baseType.BaseType;
        }

        if (baseType is null || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            return false;
        }

        var arguments = baseType.GetGenericArguments();
        keyType = arguments[0];
        valueType = arguments[1];
        var populate = typeof(CollectionBuilder).GetMethod(nameof(PopulateDictionary), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(arguments)
            .CreateDelegate<Action<object, List<KeyValuePair<object, object?>>>>();
        builder = new CollectionBuilder(
            null,
            null,
            entries =>
            {
                var dictionary = Activator.CreateInstance(type)!;
                populate(dictionary, entries);
                return dictionary;
            },
            populate);
        return true;
    }

    private static CollectionBuilder Make(string buildName, string populateName, Type element)
    {
        var build = typeof(CollectionBuilder).GetMethod(buildName, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(element);
        var populate = typeof(CollectionBuilder).GetMethod(populateName, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(element);
        return new CollectionBuilder(
            build.CreateDelegate<Func<List<object?>, object>>(),
            populate.CreateDelegate<Action<object, List<object?>>>(),
            null,
            null);
    }

    private static object BuildArray<T>(List<object?> items)
    {
        var array = new T[items.Count];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = (T)items[i]!;
        }

        return array;
    }

    private static object BuildList<T>(List<object?> items)
    {
        var list = new List<T>(items.Count);
        foreach (var item in items)
        {
            list.Add((T)item!);
        }

        return list;
    }

    private static object BuildSet<T>(List<object?> items)
    {
        var set = typeof(T) == typeof(string) ? (HashSet<T>)(object)new HashSet<string>(StringComparer.Ordinal) : new HashSet<T>();
        foreach (var item in items)
        {
            set.Add((T)item!);
        }

        return set;
    }

    private static void PopulateList<T>(object target, List<object?> items)
    {
        var collection = (ICollection<T>)target;
        collection.Clear();
        foreach (var item in items)
        {
            collection.Add((T)item!);
        }
    }

    private static object BuildDictionary<TKey, TValue>(List<KeyValuePair<object, object?>> entries)
        where TKey : notnull
    {
        // Configuration keys are case-insensitive, so string-keyed dictionaries are too.
        var dictionary = typeof(TKey) == typeof(string)
            ? (Dictionary<TKey, TValue>)(object)new Dictionary<string, TValue>(entries.Count, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<TKey, TValue>(entries.Count);
        PopulateDictionary<TKey, TValue>(dictionary, entries);
        return dictionary;
    }

    private static void PopulateDictionary<TKey, TValue>(object target, List<KeyValuePair<object, object?>> entries)
        where TKey : notnull
    {
        var dictionary = (IDictionary<TKey, TValue>)target;
        dictionary.Clear();
        foreach (var (key, value) in entries)
        {
            dictionary[(TKey)key] = (TValue)value!;
        }
    }
}

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

    /// <summary>For arrays.</summary>
    public static CollectionBuilder Array<T>() => new(BuildArray<T>, PopulateList<T>, null, null);

    /// <summary>For <c>List</c>, <c>IList</c>, <c>ICollection</c>, <c>IEnumerable</c>, <c>IReadOnlyList</c>, <c>IReadOnlyCollection</c>.</summary>
    public static CollectionBuilder List<T>() => new(BuildList<T>, PopulateList<T>, null, null);

    /// <summary>For <c>HashSet</c>, <c>ISet</c>, <c>IReadOnlySet</c>.</summary>
    public static CollectionBuilder Set<T>() => new(BuildSet<T>, PopulateList<T>, null, null);

    /// <summary>For <c>Dictionary</c>, <c>IDictionary</c>, <c>IReadOnlyDictionary</c>.</summary>
    public static CollectionBuilder Dictionary<TKey, TValue>()
        where TKey : notnull => new(null, null, BuildDictionary<TKey, TValue>, PopulateDictionary<TKey, TValue>);

    /// <summary>A class deriving from <c>List&lt;T&gt;</c> (such as a named list type): created, then filled.</summary>
    public static CollectionBuilder DerivedList<TList, T>(Func<TList> create)
        where TList : ICollection<T> => new(
            items =>
            {
                var list = create();
                PopulateList<T>(list, items);
                return list;
            },
            PopulateList<T>,
            null,
            null);

    /// <summary>A class deriving from <c>Dictionary&lt;K,V&gt;</c> (such as a named map type): created, then filled.</summary>
    public static CollectionBuilder DerivedDictionary<TDictionary, TKey, TValue>(Func<TDictionary> create)
        where TDictionary : IDictionary<TKey, TValue>
        where TKey : notnull => new(
            null,
            null,
            entries =>
            {
                var dictionary = create();
                PopulateDictionary<TKey, TValue>(dictionary, entries);
                return dictionary;
            },
            PopulateDictionary<TKey, TValue>);

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

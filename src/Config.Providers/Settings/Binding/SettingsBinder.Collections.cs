using System.Globalization;

namespace Config.Providers.Settings.Binding;

// Collections and dictionaries: list items bound in index order, a key that is no index reported, the result built
// (or an existing collection filled in place).
internal static partial class SettingsBinder
{
    private static object? BindCollection(TypeShape shape, string? value, IReadOnlyList<SectionNode> children, string path, Flags flags, BindingContext context, object? existing, out bool bound)
    {
        var items = new List<object?>(children.Count);
        bound = false;
        if (children.Count > 0)
        {
            var indexed = new List<(int Index, SectionNode Section)>(children.Count);
            List<SectionNode>? stray = null;
            foreach (var child in children)
            {
                if (int.TryParse(child.KeySpan, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    indexed.Add((index, child));
                }
                else
                {
                    (stray ??= []).Add(child);
                }
            }

            // A stray key under a list is an unknown key like any other: reported under the UnknownKeys policy
            // (a warning by default), and the list binds from its indexes.
            foreach (var child in stray is null ? [] : Sorted(stray))
            {
                ReportStrayListKey(shape, child, context);
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

    private static object? BindDictionary(TypeShape shape, string? value, IReadOnlyList<SectionNode> children, string path, Flags flags, BindingContext context, object? existing, out bool bound)
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

    private static void ReportStrayListKey(TypeShape list, SectionNode child, BindingContext context)
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
}

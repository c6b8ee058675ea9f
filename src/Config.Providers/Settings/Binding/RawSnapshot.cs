namespace Config.Providers.Settings.Binding;

/// <summary>
/// Every value the binder read for one settings object, by full key. Diffing two snapshots tells which
/// settings a reload changed; mixing two tells what to bind when only the mutable part may be applied.
/// </summary>
internal sealed class RawSnapshot
{
    // Binding only appends (each key is visited once); the keyed view is built when a reload first diffs.
    private readonly List<KeyValuePair<string, RawValue>> read = [];
    private Dictionary<string, RawValue>? byKey;

    public Dictionary<string, RawValue> Values
    {
        get
        {
            if (byKey is null)
            {
                byKey = new Dictionary<string, RawValue>(read.Count, StringComparer.OrdinalIgnoreCase);
                foreach (var (key, value) in read)
                {
                    byKey[key] = value;
                }
            }

            return byKey;
        }
    }

    /// <summary>Secret values present in this snapshot, for scrubbing text that might quote them.</summary>
    public IEnumerable<string> SecretValues => read.Where(v => v.Value.Secret && v.Value.Value.Length > 0).Select(v => v.Value.Value);

    public void Add(string key, string value, bool mutable, bool secret)
    {
        read.Add(new(key, new RawValue(value, mutable, secret)));
        byKey = null;
    }
}

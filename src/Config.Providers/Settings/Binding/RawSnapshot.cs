namespace Config.Providers.Settings.Binding;

/// <summary>A configuration value the binder read, with the mutability and secrecy of the setting it fed.</summary>
internal readonly record struct RawValue(string Value, bool Mutable, bool Secret);

/// <summary>
/// Every value the binder read for one settings object, by full key. Diffing two snapshots tells which
/// settings a reload changed; mixing two tells what to bind when only the mutable part may be applied.
/// </summary>
internal sealed class RawSnapshot
{
    public Dictionary<string, RawValue> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Secret values present in this snapshot, for scrubbing text that might quote them.</summary>
    public IEnumerable<string> SecretValues => Values.Values.Where(v => v.Secret && v.Value.Length > 0).Select(v => v.Value);
}

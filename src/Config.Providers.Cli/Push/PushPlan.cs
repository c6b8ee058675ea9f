using System.Text;
using Config.Providers.Cli.Output;
using Config.Providers.Consul;

namespace Config.Providers.Cli.Push;

/// <summary>
/// The difference between the input and a Consul folder, as checked operations. Keys are matched as configuration
/// keys (case-insensitively, <c>/</c> for <c>:</c>), so an existing <c>Orders/Port</c> is updated in place by an input
/// key <c>orders:port</c> rather than doubled. Unchanged keys take no operation. Pure.
/// </summary>
internal sealed class PushPlan
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private PushPlan(IReadOnlyList<PushChange> changes, int unchanged)
    {
        Changes = changes;
        Unchanged = unchanged;
    }

    public IReadOnlyList<PushChange> Changes { get; }

    public int Unchanged { get; }

    /// <summary>The operations in transactions of at most <see cref="ConsulTxnOperation.MaxPerTransaction"/>.</summary>
    public IReadOnlyList<ConsulTxnOperation[]> Transactions => [.. Changes.Select(c => c.Operation).Chunk(ConsulTxnOperation.MaxPerTransaction)];

    /// <summary>Plans writing <paramref name="input"/> into <paramref name="folder"/> (ending in <c>/</c>) holding <paramref name="existing"/>.</summary>
    public static PushPlan Create(string folder, IReadOnlyList<FlatEntry> input, IReadOnlyList<ConsulKvEntry> existing, bool prune, SecretSchema? secrets = null)
    {
        var current = new Dictionary<string, ConsulKvEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in existing.Where(e => e.Key.StartsWith(folder, StringComparison.Ordinal) && !e.Key.EndsWith('/')))
        {
            current[ConfigurationKey(entry.Key[folder.Length..])] = entry;
        }

        var changes = new List<PushChange>();
        var unchanged = 0;
        foreach (var entry in input)
        {
            var value = entry.Value ?? string.Empty;
            var bytes = Encoding.UTF8.GetBytes(value);
            var shown = FlatConfiguration.Redact(entry.Key, value, secrets);
            if (!current.Remove(entry.Key, out var old))
            {
                var key = entry.Key.Replace(':', '/');
                changes.Add(new PushChange('+', key, shown, null, ConsulTxnOperation.Set(folder + key, bytes, 0)));
            }
            else if ((old.Value ?? []).AsSpan().SequenceEqual(bytes))
            {
                unchanged++;
            }
            else
            {
                changes.Add(new PushChange('~', old.Key[folder.Length..], shown, Show(entry.Key, old.Value, secrets), ConsulTxnOperation.Set(old.Key, bytes, old.ModifyIndex)));
            }
        }

        if (prune)
        {
            foreach (var (key, old) in current.OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase))
            {
                changes.Add(new PushChange('-', old.Key[folder.Length..], null, Show(key, old.Value, secrets), ConsulTxnOperation.Delete(old.Key, old.ModifyIndex)));
            }
        }

        return new PushPlan(changes, unchanged);
    }

    private static string ConfigurationKey(string relative) => relative.Replace('/', ':');

    private static string? Show(string key, byte[]? value, SecretSchema? secrets)
    {
        try
        {
            return FlatConfiguration.Redact(key, value is null ? string.Empty : StrictUtf8.GetString(value), secrets);
        }
        catch (DecoderFallbackException)
        {
            return "(not UTF-8)";
        }
    }
}

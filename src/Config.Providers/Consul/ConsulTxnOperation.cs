namespace Config.Providers.Consul;

/// <summary>
/// One KV operation of a Consul transaction (<c>/v1/txn</c>), always checked against the index the key had when it
/// was read: <c>cas</c> with <see cref="Index"/> 0 creates a key only if it does not exist, <c>cas</c> with an index
/// sets it only if nobody changed it since, <c>delete-cas</c> deletes it only then.
/// </summary>
/// <param name="Verb"><c>cas</c> or <c>delete-cas</c>.</param>
/// <param name="Key">The full key.</param>
/// <param name="Value">The bytes to set (for <c>cas</c>).</param>
/// <param name="Index">The key's <c>ModifyIndex</c> when read, 0 for a key that did not exist.</param>
internal sealed record ConsulTxnOperation(string Verb, string Key, byte[]? Value, ulong Index)
{
    /// <summary>The most operations Consul accepts in one transaction (64 up to and including 1.8's default limits).</summary>
    public const int MaxPerTransaction = 64;

    /// <summary>Sets <paramref name="key"/> if its index is still <paramref name="index"/> (0: if it does not exist).</summary>
    public static ConsulTxnOperation Set(string key, byte[] value, ulong index) => new("cas", key, value, index);

    /// <summary>Deletes <paramref name="key"/> if its index is still <paramref name="index"/>.</summary>
    public static ConsulTxnOperation Delete(string key, ulong index) => new("delete-cas", key, null, index);
}

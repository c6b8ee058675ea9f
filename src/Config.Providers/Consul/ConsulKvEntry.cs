namespace Config.Providers.Consul;

/// <summary>One key of a KV listing.</summary>
/// <param name="Key">The full key.</param>
/// <param name="Value">The raw bytes, or null for a key with no value.</param>
/// <param name="ModifyIndex">The Raft index of its last change.</param>
internal sealed record ConsulKvEntry(string Key, byte[]? Value, ulong ModifyIndex);

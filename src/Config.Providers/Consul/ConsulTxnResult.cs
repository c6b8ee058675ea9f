namespace Config.Providers.Consul;

/// <summary>What Consul said about a transaction: applied whole, or rolled back with the operations that failed.</summary>
/// <param name="Committed">True when every operation was applied.</param>
/// <param name="Errors">For a rolled-back transaction, each failing operation's position and Consul's reason.</param>
internal sealed record ConsulTxnResult(bool Committed, IReadOnlyList<(int OpIndex, string What)> Errors);

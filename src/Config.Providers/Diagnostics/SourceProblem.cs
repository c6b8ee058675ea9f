namespace Config.Providers.Diagnostics;

/// <summary>One part of a configuration source that serves stale data: a Consul folder, a key, a file.</summary>
/// <param name="Source">The source, such as <c>Consul KV at http://consul:8500</c>.</param>
/// <param name="Part">The part, such as <c>config/orders/</c> or a Consul key.</param>
/// <param name="Reason">Why it is stale (never a value).</param>
/// <param name="Since">When it became stale.</param>
internal sealed record SourceProblem(string Source, string Part, string Reason, DateTimeOffset Since);

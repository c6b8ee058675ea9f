namespace Config.Providers.Consul;

/// <summary>A (possibly blocking) query's answer.</summary>
/// <typeparam name="T">The payload.</typeparam>
/// <param name="Value">The payload (empty when <paramref name="Found"/> is false).</param>
/// <param name="Index">The <c>X-Consul-Index</c> to block on next (never 0).</param>
/// <param name="Found">False when Consul answered 404: nothing there, which is not an error.</param>
internal sealed record ConsulQueryResult<T>(T Value, ulong Index, bool Found);

namespace Config.Providers.Consul;

/// <summary>A located Consul and how it was found (for messages: "where it looked").</summary>
/// <param name="Options">Address, token and TLS.</param>
/// <param name="Origin">How the address was found, such as <c>CONSUL_HTTP_ADDR</c>.</param>
/// <param name="Explicit">False when nothing configured Consul and the built-in default is used.</param>
internal sealed record ConsulLocation(ConsulClientOptions Options, string Origin, bool Explicit);

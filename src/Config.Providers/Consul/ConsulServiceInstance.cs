namespace Config.Providers.Consul;

/// <summary>A passing instance of a service, from the health API.</summary>
/// <param name="Service">The service name.</param>
/// <param name="Id">The instance id.</param>
/// <param name="Address">The service address (or the node's when the service has none).</param>
/// <param name="Port">The port.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Meta">Its metadata.</param>
internal sealed record ConsulServiceInstance(string Service, string Id, string Address, int Port, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, string> Meta);

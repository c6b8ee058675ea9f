namespace Config.Providers.Core;

/// <summary>One reachable instance of a service's named endpoint, as a source describes it.</summary>
/// <param name="Service">The service (<c>rabbitmq</c>).</param>
/// <param name="Endpoint">The endpoint or port name (<c>amqp</c>, <c>http</c>).</param>
/// <param name="Instance">0 for the first (or only) instance.</param>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">Port.</param>
/// <param name="Scheme">URL scheme, when known.</param>
/// <param name="Username">User name, when the source gives one.</param>
/// <param name="Password">Password, when the source gives one.</param>
/// <param name="Url">The URL as the source wrote it.</param>
/// <param name="Database">The database (or virtual host) to use, when the source gives one.</param>
internal sealed record ServiceEndpointInstance(
    string Service,
    string Endpoint,
    int Instance,
    string? Host,
    int? Port,
    string? Scheme,
    string? Username,
    string? Password,
    string? Url,
    string? Database = null);

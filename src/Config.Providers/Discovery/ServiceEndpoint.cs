namespace Config.Providers;

/// <summary>
/// One instance of a dependency's endpoint, as the sources write it under
/// <c>ServiceEndpoints:{service}:{endpoint}:{i}</c>. Bind it with
/// <c>services.AddSettings&lt;ServiceEndpoint&gt;("rabbitmq", "ServiceEndpoints:rabbitmq:amqp:0")</c>, or a whole
/// service with <see cref="ServiceEndpoints"/>.
/// </summary>
/// <remarks>
/// Mutable as a whole: endpoints are where a dependency is <em>now</em> (an instance moved, scaled, failed over), so a
/// change applies live through <c>IOptionsMonitor</c> instead of waiting for a restart.
/// </remarks>
[Mutable]
public sealed class ServiceEndpoint
{
    /// <summary>Host name or address.</summary>
    public string? Host { get; set; }

    /// <summary>Port.</summary>
    public int? Port { get; set; }

    /// <summary>URL scheme (<c>amqp</c>, <c>pgsql</c>, <c>http</c>), when known.</summary>
    public string? Scheme { get; set; }

    /// <summary>User name, when the source gives one.</summary>
    public string? Username { get; set; }

    /// <summary>Password, when the source gives one. Never shown.</summary>
    [Secret]
    public string? Password { get; set; }

    /// <summary>The URL as the source wrote it, without its password.</summary>
    public Uri? Url { get; set; }

    /// <summary>The database (for AMQP, the virtual host) to use, when the source gives one (<c>PG_DBNAME</c>).</summary>
    public string? Database { get; set; }

    /// <summary>The endpoint as <c>host:port</c>, or the host alone.</summary>
    /// <returns>The address, never the password.</returns>
    public override string ToString() => Port is null ? Host ?? string.Empty : $"{Host}:{Port}";
}

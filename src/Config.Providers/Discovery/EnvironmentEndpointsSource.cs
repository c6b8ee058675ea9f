using Microsoft.Extensions.Configuration;

namespace Config.Providers.Discovery;

/// <summary>
/// Service endpoints from environment variables in TOPP Cloud's style: for a prefix <c>PG</c>, <c>PG_HOST</c>,
/// <c>PG_PORT</c>, <c>PG_USER</c> (or <c>_USERNAME</c>), <c>PG_PASSWORD</c>, <c>PG_DBNAME</c> (or <c>_DATABASE</c>),
/// <c>PG_SCHEME</c>, <c>PG_URL</c> become the endpoint <c>Services:pg:default:0</c>, <c>ServiceEndpoints:pg:default:0:*</c>
/// and, for PostgreSQL and AMQP, <c>ConnectionStrings:pg</c> (docs/service-discovery.md). Prefixes are named
/// explicitly: a blanket <c>*_HOST</c> rule would turn <c>DOCKER_HOST</c> into a service.
/// </summary>
internal sealed class EnvironmentEndpointsSource : IConfigurationSource
{
    /// <summary>Variable prefixes, such as <c>PG</c> or <c>RABBITMQ</c>; the service name is the prefix in lower case.</summary>
    public IList<string> Prefixes { get; } = [];

    /// <summary>Reads variables; the process environment when null (read only).</summary>
    public Func<string, string?>? Environment { get; set; }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new EnvironmentEndpointsProvider(this);
}

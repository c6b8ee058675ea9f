using Config.Providers.Consul;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Config.Providers.Discovery;

/// <summary>Registers this service in Consul when the host starts and deregisters it when the host stops.</summary>
internal sealed partial class ConsulSelfRegistration(ConsulClientOptions options, ConsulServiceRegistration registration, ILogger<ConsulSelfRegistration> logger) : IHostedService, IDisposable
{
    private readonly ConsulHttpClient client = new(options);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await client.RegisterServiceAsync(registration, cancellationToken).ConfigureAwait(false);
        Registered(logger, registration.Id, registration.Name, options.ToString());
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.DeregisterServiceAsync(registration.Id, cancellationToken).ConfigureAwait(false);
            Deregistered(logger, registration.Id);
        }
        catch (ConsulException e)
        {
            // Shutting down anyway; Consul removes the instance when its check stays critical.
            DeregisterFailed(logger, registration.Id, e.Message);
        }
    }

    public void Dispose() => client.Dispose();

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Registered {Id} as {Service} in Consul at {Address}")]
    private static partial void Registered(ILogger logger, string id, string service, string address);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Deregistered {Id} from Consul")]
    private static partial void Deregistered(ILogger logger, string id);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Could not deregister {Id} from Consul: {Reason}")]
    private static partial void DeregisterFailed(ILogger logger, string id, string reason);
}

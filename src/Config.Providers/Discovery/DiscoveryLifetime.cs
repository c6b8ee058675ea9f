using Config.Providers.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Config.Providers.Discovery;

/// <summary>
/// The discovered sources' life within the host: created when the host starts, it hands their logging over to the
/// host's; disposed with the host, it stops their watches and points their logging back at the bootstrap console.
/// </summary>
internal sealed class DiscoveryLifetime : IHostedService, IDisposable
{
    private readonly ConfigurationRoot root;
    private readonly HandoverLoggerFactory logging;

    public DiscoveryLifetime(ConfigurationRoot root, HandoverLoggerFactory logging, ILoggerFactory hostLogging)
    {
        this.root = root;
        this.logging = logging;
        logging.HandOver(hostLogging);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        logging.Revert();
        root.Dispose();
    }
}

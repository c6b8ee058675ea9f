using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Config.Providers.Discovery;

/// <summary>Logs the report once the host has logging (the sources were chosen before it had).</summary>
internal sealed partial class ServiceDiscoveryReportLogger(ServiceDiscoveryReport report, ILogger<ServiceDiscoveryReportLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var note in report.Notes)
        {
            Log(logger, note);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Service discovery: {Note}")]
    private static partial void Log(ILogger logger, string note);
}

using Microsoft.Extensions.Hosting;

namespace Config.Providers.Checking;

/// <summary>
/// Takes the host's place in <c>--check-config</c> mode: the host asks its lifetime whether to start before it starts
/// any hosted service, so answering here checks the configuration with nothing started — no hosted service, no server,
/// not even the library's own startup validation — and ends the process with the result.
/// </summary>
internal sealed class ConfigCheckLifetime(ConfigCheckRequest request, IServiceProvider services) : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        ConfigCheck.PrintAndExit(request, ConfigCheck.Run(services));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

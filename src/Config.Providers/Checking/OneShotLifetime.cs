using Config.Providers.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Config.Providers.Checking;

/// <summary>
/// Takes the host's place for a one-shot command line (<c>--check-config</c>, <c>--settings-schema</c>): the host asks
/// its lifetime whether to start before it starts any hosted service, so answering here runs the command with nothing
/// started — no hosted service, no server, not even the library's own startup validation — and ends the process with
/// the command's exit code.
/// </summary>
internal sealed class OneShotLifetime(IServiceProvider services, Func<IServiceProvider, int> run) : IHostLifetime, ICommandLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        ProcessExit.Exit(run(services));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

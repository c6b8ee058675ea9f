using Config.Providers.Core;

namespace Config.Providers.Consul;

/// <summary>
/// The background loops of a Consul provider: started on the thread pool, cancelled together, and given a
/// moment to end on dispose so nothing runs (or logs) after the host has stopped.
/// </summary>
internal sealed class ConsulWatches
{
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> loops = [];

    public void Start(Func<CancellationToken, Task> loop)
    {
        lock (loops)
        {
            loops.Add(Task.Run(() => loop(stopping.Token)));
        }
    }

    public void Stop()
    {
        stopping.Cancel();
        Task[] running;
        lock (loops)
        {
            running = [.. loops];
        }

        // The loops catch their own cancellation; this only waits (bounded) for them to notice.
        SyncOverAsync.Run(async _ =>
        {
            try
            {
                await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A loop stuck in user code: it ends on its own; disposal does not wait for it.
            }
            catch (Exception)
            {
                // A loop that ended with an error it could not handle has already stopped: disposal never throws
                // (it runs while the host shuts down, where an exception would end the process).
            }
        });
    }
}

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

        // The loops catch their own cancellation; this only waits for them to notice.
        Task.WhenAll(running).Wait(TimeSpan.FromSeconds(2));
    }
}

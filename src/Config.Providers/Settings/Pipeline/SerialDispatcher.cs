namespace Config.Providers.Settings.Pipeline;

/// <summary>
/// Runs queued actions one at a time, in the order they were queued, on the thread that drains — never under the
/// caller's lock. A pipeline decides under its lock and queues what follows (logs, change feed, <c>OnChange</c>
/// listeners, stopping the application); a listener that causes another reload (calling
/// <c>IConfigurationRoot.Reload()</c>) only queues more, which the running drain picks up after it returns.
/// </summary>
internal sealed class SerialDispatcher
{
    private readonly Queue<Action> queue = new();
    private readonly object gate = new();
    private bool draining;

    public void Enqueue(Action action)
    {
        lock (gate)
        {
            queue.Enqueue(action);
        }
    }

    /// <summary>Runs everything queued, unless another drain is already running it.</summary>
    public void Drain()
    {
        lock (gate)
        {
            if (draining)
            {
                return;
            }

            draining = true;
        }

        while (true)
        {
            Action next;
            lock (gate)
            {
                if (queue.Count == 0)
                {
                    draining = false;
                    return;
                }

                next = queue.Dequeue();
            }

            try
            {
                next();
            }
            catch
            {
                // Each action catches what it expects; anything else must not leave the queue stuck.
                lock (gate)
                {
                    draining = false;
                }

                throw;
            }
        }
    }
}

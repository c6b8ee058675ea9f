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

    /// <summary>
    /// Runs everything queued, unless another drain is already running it. An action that throws (each catches what it
    /// expects; this is a bug, say a logger provider's) does not stop the ones after it — a later action may be the
    /// signal that makes the new value visible — and is thrown once the queue is empty.
    /// </summary>
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

        List<Exception>? failures = null;
        while (true)
        {
            Action next;
            lock (gate)
            {
                if (queue.Count == 0)
                {
                    draining = false;
                    break;
                }

                next = queue.Dequeue();
            }

            try
            {
                next();
            }
            catch (Exception e)
            {
                (failures ??= []).Add(e);
            }
        }

        if (failures is [var only])
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(only);
        }

        if (failures is not null)
        {
            throw new AggregateException(failures);
        }
    }
}

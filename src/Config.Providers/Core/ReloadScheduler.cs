namespace Config.Providers.Core;

/// <summary>
/// How every watched provider runs its reloads — file providers, the versioned folder, Consul's settle time: a
/// debounce timer (<see cref="Schedule"/>), one reload at a time with the latest request winning (a request that
/// arrives during a reload runs one more after it, however many arrived), the change signal raised after the reload
/// and with nothing held, and a reload that throws handed to <c>failed</c> instead of escaping into a timer (which
/// would end the process) or an unobserved task.
/// </summary>
/// <remarks>
/// The signal runs while no reload is marked running, so a listener may ask for a reload and wait for it
/// (<c>IConfigurationRoot.Reload()</c> from a change callback): that reload runs there and then instead of waiting
/// for the pass that is calling the listener.
/// </remarks>
internal sealed class ReloadScheduler : IDisposable
{
    private readonly Func<CancellationToken, ValueTask<bool>> reload;
    private readonly Action signal;
    private readonly Action<Exception> failed;
    private readonly TimeProvider time;
    private readonly object gate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly List<(long Generation, TaskCompletionSource Done)> waiters = [];
    private ITimer? timer;
    private long? firstScheduled;
    private long requested;
    private long completed;
    private bool running;
    private bool disposed;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="reload">Reads the source again and swaps its data; true when the data changed.</param>
    /// <param name="signal">Raises the provider's change token (through <c>ChangeListeners.Raise</c>).</param>
    /// <param name="failed">Told what a reload threw (a bug: reloads keep their last good data and say why themselves).</param>
    /// <param name="time">The clock for the debounce timer.</param>
    public ReloadScheduler(Func<CancellationToken, ValueTask<bool>> reload, Action signal, Action<Exception> failed, TimeProvider time)
    {
        this.reload = reload;
        this.signal = signal;
        this.failed = failed;
        this.time = time;
    }

    /// <summary>Cancelled when the scheduler is disposed: reloads pass it to their I/O.</summary>
    public CancellationToken Stopping => stopping.Token;

    /// <summary>
    /// Runs a reload after <paramref name="delay"/>; a later call moves it (quiet time), but never past
    /// <paramref name="longest"/> after the first call not yet served, when given.
    /// </summary>
    public void Schedule(TimeSpan delay, TimeSpan? longest = null)
    {
        ITimer armed;
        TimeSpan due;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            var now = time.GetTimestamp();
            firstScheduled ??= now;
            due = delay;
            if (longest is { } bound)
            {
                var left = bound - time.GetElapsedTime(firstScheduled.Value, now);
                due = left < due ? left : due;
            }

            armed = timer ??= time.CreateTimer(_ => Due(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        // Armed outside the lock: a clock may run a timer that is due at once on this thread.
        armed.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Runs a reload now, or right after the one under way (whose read may predate the request).</summary>
    public void Request() => _ = Enqueue(waiter: false);

    /// <summary>
    /// Runs a reload as <see cref="Request"/> does and completes once a reload begun after this call has finished and
    /// signalled (or the scheduler is disposed).
    /// </summary>
    public Task RequestAndWaitAsync() => Enqueue(waiter: true);

    /// <inheritdoc />
    public void Dispose()
    {
        List<(long Generation, TaskCompletionSource Done)> left;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            timer?.Dispose();
            left = [.. waiters];
            waiters.Clear();
        }

        // Cancelled, not disposed: a reload under way may still read the token.
        stopping.Cancel();
        foreach (var (_, done) in left)
        {
            done.TrySetResult();
        }
    }

    private void Due()
    {
        lock (gate)
        {
            firstScheduled = null;
        }

        Request();
    }

    private Task Enqueue(bool waiter)
    {
        TaskCompletionSource? done = null;
        bool start;
        lock (gate)
        {
            if (disposed)
            {
                return Task.CompletedTask;
            }

            requested++;
            if (waiter)
            {
                done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiters.Add((requested, done));
            }

            start = !running;
            running = true;
        }

        if (start)
        {
            // On the caller's thread up to the reload's first wait (a timer's, a watcher's, a listener's; none holds a
            // lock of ours), then on the pool. RunAsync never throws: the task needs no observer.
            _ = RunAsync();
        }

        return done?.Task ?? Task.CompletedTask;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            long target;
            lock (gate)
            {
                if (disposed || completed == requested)
                {
                    running = false;
                    return;
                }

                target = requested;
            }

            var changed = false;
            try
            {
                changed = await reload(stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                failed(e);
            }

            List<TaskCompletionSource> served;
            lock (gate)
            {
                completed = target;
                running = false;
                served = [.. waiters.Where(w => w.Generation <= target).Select(w => w.Done)];
                waiters.RemoveAll(w => w.Generation <= target);
            }

            try
            {
                if (changed && !stopping.IsCancellationRequested)
                {
                    // With no reload marked running: a listener that asks for one and waits gets it on another thread.
                    signal();
                }
            }
            finally
            {
                foreach (var done in served)
                {
                    done.TrySetResult();
                }
            }

            lock (gate)
            {
                // Requests that came meanwhile: run them here unless a listener's request already started a runner.
                if (running || disposed || completed == requested)
                {
                    return;
                }

                running = true;
            }
        }
    }
}

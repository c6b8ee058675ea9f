namespace Config.Providers.Core;

/// <summary>
/// The one place where the library blocks on asynchronous work, for contracts that are synchronous
/// (<c>IConfigurationProvider.Load</c>, <c>IValidateOptions&lt;T&gt;.Validate</c>).
/// </summary>
/// <remarks>
/// The work is started on the thread pool so that it never needs the caller's synchronization context,
/// which is what makes a plain <c>.GetAwaiter().GetResult()</c> deadlock under UI or legacy ASP.NET contexts
/// and in test runners that install one. Exceptions surface unwrapped, as with <c>await</c>.
/// </remarks>
internal static class SyncOverAsync
{
    public static TResult Run<TResult>(Func<CancellationToken, Task<TResult>> work, CancellationToken cancellationToken = default) =>
        Task.Run(() => work(cancellationToken), cancellationToken).GetAwaiter().GetResult();

    public static void Run(Func<CancellationToken, Task> work, CancellationToken cancellationToken = default) =>
        Task.Run(() => work(cancellationToken), cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Runs <paramref name="work"/> and waits for its result — without blocking at all when it completes synchronously.
    /// Started on the calling thread when that thread has no synchronization context to deadlock on (awaits inside
    /// then resume on the pool), else on the pool as <see cref="Run{TResult}(Func{CancellationToken, Task{TResult}}, CancellationToken)"/>.
    /// </summary>
    public static TResult Run<TResult>(Func<ValueTask<TResult>> work)
    {
        if (SynchronizationContext.Current is not null || TaskScheduler.Current != TaskScheduler.Default)
        {
            return Task.Run(() => work().AsTask()).GetAwaiter().GetResult();
        }

        var started = work();
        return started.IsCompletedSuccessfully ? started.Result : started.AsTask().GetAwaiter().GetResult();
    }
}

using System.Collections.Concurrent;

namespace Config.Providers.Tests.Support;

/// <summary>
/// Collects, while it lives, the unobserved task exceptions that the library's own code left behind. The event is
/// process-wide: exceptions whose stack shows no library frame, or shows a test's frame (a test's own stray task),
/// belong to someone else and are not counted — once, another test's listener task failed a fault test here.
/// </summary>
public sealed class LibraryUnobservedExceptions : IDisposable
{
    private readonly ConcurrentQueue<Exception> found = new();

    public LibraryUnobservedExceptions() => TaskScheduler.UnobservedTaskException += OnUnobserved;

    /// <summary>Collects garbage (so forgotten tasks are finalized and reported), then lists what was found.</summary>
    public IReadOnlyList<Exception> Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return [.. found];
    }

    public void Dispose() => TaskScheduler.UnobservedTaskException -= OnUnobserved;

    private void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        var text = e.Exception.ToString();
        if (text.Contains("at Config.Providers.", StringComparison.Ordinal) && !text.Contains("at Config.Providers.Tests.", StringComparison.Ordinal))
        {
            found.Enqueue(e.Exception);
        }
    }
}

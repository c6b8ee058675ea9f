using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Config.Providers.Tests.Support;

/// <summary>Keeps every formatted log line (with its exception text) so tests can assert on them.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly List<(int EventId, TaskCompletionSource<string> Waiter)> waiters = [];
    private TaskCompletionSource logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<(LogLevel Level, EventId EventId, string Text)> Entries { get; } = new();

    /// <summary>Completes with the text of the next entry logged with <paramref name="eventId"/>.</summary>
    public Task<string> Next(int eventId)
    {
        var waiter = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waiters)
        {
            waiters.Add((eventId, waiter));
        }

        return waiter.Task;
    }

    /// <summary>Completes once <paramref name="condition"/> holds, checked now and after every entry; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitUntil(Func<CapturedLogs, bool> condition, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? ReloadWaits.Timeout);
        while (true)
        {
            var next = Volatile.Read(ref logged).Task;
            if (condition(this))
            {
                return;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("The logs never met the condition. Logged:\n" + string.Join("\n", Lines));
            }
        }
    }

    private void Notify(int eventId, string text)
    {
        Interlocked.Exchange(ref logged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        lock (waiters)
        {
            foreach (var (id, waiter) in waiters.Where(w => w.EventId == eventId).ToList())
            {
                waiter.TrySetResult(text);
                waiters.Remove((id, waiter));
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <summary>A logger factory writing here, for configuration sources built before any host exists.</summary>
    public ILoggerFactory Factory() => LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public IEnumerable<string> Lines => Entries.Select(e => e.Text);

    public IReadOnlyList<(LogLevel Level, EventId EventId, string Text)> At(int eventId) => Entries.Where(e => e.EventId.Id == eventId).ToList();

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception) + (exception is null ? string.Empty : Environment.NewLine + exception);
            owner.Entries.Enqueue((logLevel, eventId, text));
            owner.Notify(eventId.Id, text);
        }
    }
}

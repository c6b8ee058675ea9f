using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Config.Providers.Tests.Support;

/// <summary>Keeps every formatted log line (with its exception text) so tests can assert on them.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, EventId EventId, string Text)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

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
        }
    }
}

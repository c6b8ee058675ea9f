using Microsoft.Extensions.Logging;

namespace Config.Providers.Diagnostics;

/// <summary>
/// The logger factory of sources built before the host exists. Until <see cref="HandOver"/>, messages go to a
/// bootstrap factory (a console, so a startup wait is visible as it happens) and are kept; at hand-over they are
/// replayed into the host's own logging (its providers, filters and scopes), and every later message goes there
/// directly. A message logged while the hand-over happens is either kept and replayed or sent to the host: none is
/// lost. When the host goes away, messages go to the bootstrap factory again.
/// </summary>
internal sealed class HandoverLoggerFactory(ILoggerFactory bootstrap) : ILoggerFactory
{
    private readonly ILoggerFactory bootstrap = bootstrap;

    /// <summary>How many messages are kept for the host before the oldest are dropped (and counted).</summary>
    internal const int Capacity = 2048;

    private readonly object gate = new();
    private readonly Queue<Action<ILoggerFactory>> kept = new();
    private ILoggerFactory? host;
    private bool handedOver;
    private int dropped;

    /// <summary>Sends the kept messages and every later one to <paramref name="hostFactory"/>.</summary>
    public void HandOver(ILoggerFactory hostFactory)
    {
        Action<ILoggerFactory>[] replay;
        int lost;
        lock (gate)
        {
            if (handedOver)
            {
                return;
            }

            host = hostFactory;
            handedOver = true;
            replay = [.. kept];
            kept.Clear();
            lost = dropped;
        }

        // Outside the lock: the host's providers are user code.
        if (lost > 0)
        {
            hostFactory.CreateLogger("Config.Providers").LogWarning(
                new EventId(404, "BootstrapMessagesDropped"), "{Count} message(s) logged before the host started were dropped (more than {Capacity} were kept)", lost, Capacity);
        }

        foreach (var message in replay)
        {
            message(hostFactory);
        }
    }

    /// <summary>The host is going away: its logging may already be disposed.</summary>
    public void Revert()
    {
        lock (gate)
        {
            host = null;
        }
    }

    public ILogger CreateLogger(string categoryName) => new HandoverLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("Add providers to the host's logging; messages are handed over to it.");

    public void Dispose()
    {
    }

    /// <summary>Where a message goes now: the host's factory, or null to keep it (and show it on the bootstrap factory).</summary>
    private ILoggerFactory? Route(Action<ILoggerFactory> message)
    {
        lock (gate)
        {
            if (host is not null || handedOver)
            {
                return host ?? bootstrap;
            }

            if (kept.Count == Capacity)
            {
                kept.Dequeue();
                dropped++;
            }

            kept.Enqueue(message);
            return null;
        }
    }

    private sealed class HandoverLogger(HandoverLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner.Target().CreateLogger(category).BeginScope(state);

        // Until the host's filters are known, everything above Trace is kept for it.
        public bool IsEnabled(LogLevel logLevel) => owner.handedOver ? owner.Target().CreateLogger(category).IsEnabled(logLevel) : logLevel > LogLevel.Trace;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var name = category;
            var target = owner.Route(factory => factory.CreateLogger(name).Log(logLevel, eventId, state, exception, formatter));
            (target ?? owner.bootstrap).CreateLogger(category).Log(logLevel, eventId, state, exception, formatter);
        }
    }

    private ILoggerFactory Target()
    {
        lock (gate)
        {
            return host ?? bootstrap;
        }
    }
}

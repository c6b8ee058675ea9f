using Microsoft.Extensions.Logging;

namespace Config.Providers.Diagnostics;

/// <summary>
/// The one way a provider raises its change token. A listener that throws — a bug in the host's, the framework's or
/// the user's code registered with <c>ChangeToken.OnChange</c> — is logged (event 500) and never escapes into the
/// timer, watch loop or file watcher that raised it, where it would end the process (a timer callback) or vanish as
/// an unobserved task exception. The provider's new data is in place either way; other listeners still ran (the
/// token's callbacks all run before their exceptions are thrown together).
/// </summary>
internal static partial class ChangeListeners
{
    /// <summary>Calls <paramref name="onReload"/> (a provider's <c>OnReload</c>), logging what its listeners throw.</summary>
    public static void Raise(Action onReload, ILogger logger, string source)
    {
        try
        {
            onReload();
        }
        catch (Exception e)
        {
            // The message is the listener's own text: it is passed as the exception, for the host's logger to show as it
            // shows exceptions, not copied into ours.
            ListenerFailed(logger, e, source, e is AggregateException aggregate ? aggregate.InnerExceptions.Count : 1);
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Error, Message = "A configuration change listener threw when {Source} changed ({Count} exception(s)); the new configuration is in place and the other listeners ran")]
    private static partial void ListenerFailed(ILogger logger, Exception exception, string source, int count);
}

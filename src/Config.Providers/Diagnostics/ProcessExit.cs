namespace Config.Providers.Diagnostics;

/// <summary>
/// The one place the library ends the process: after <c>--check-config</c> has printed its result, and when a start
/// failure the library reported reaches the top of the program unhandled (<see cref="StartupFailure"/>). Nothing has
/// been started (no hosted service, no server, and the console lifetime's signal handlers were never installed, so the
/// exit cannot wait on a host that is still starting); standard output and error are flushed first.
/// </summary>
internal static class ProcessExit
{
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Exit(int code)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        Environment.Exit(code);
        throw new InvalidOperationException("unreachable");
    }
}

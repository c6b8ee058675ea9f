using System.Runtime.CompilerServices;

namespace Config.Providers.Diagnostics;

/// <summary>
/// A start that fails because of configuration ends the process cleanly, without the user writing try/catch: the
/// failure the library throws (invalid settings, a source that cannot be read) is marked here with its exit code, and
/// when it reaches the top of the program unhandled — as from <c>await host.RunAsync()</c> or <c>app.Run()</c> — its
/// report is printed once on standard error, without a stack trace, and the process ends with that code instead of
/// the runtime's abort (134) and its trace. A failure that is caught (a test, a caller's own try/catch) is left alone.
/// </summary>
internal static class StartupFailure
{
    /// <summary>Settings that do not validate (docs/settings.md).</summary>
    public const int InvalidSettings = 2;

    /// <summary>A configuration source that could not be read at startup: Consul not answering, a required or malformed file.</summary>
    public const int SourceFailed = 3;

    private static readonly ConditionalWeakTable<Exception, StrongBox<int>> Marked = [];
    private static int installed;

    /// <summary>Marks <paramref name="failure"/> as a start failure ending the process with <paramref name="exitCode"/> if nobody catches it.</summary>
    public static T Mark<T>(T failure, int exitCode)
        where T : Exception
    {
        Marked.AddOrUpdate(failure, new StrongBox<int>(exitCode));
        if (Interlocked.Exchange(ref installed, 1) == 0)
        {
            AppDomain.CurrentDomain.UnhandledException += (_, e) => Report(e.ExceptionObject as Exception);
        }

        return failure;
    }

    /// <summary>
    /// For an exception filter around a start step: marks <paramref name="failure"/> with <paramref name="exitCode"/> when it
    /// is one of the failures configuration causes (a source unreachable, unreadable, missing or malformed), and
    /// returns false, so nothing is caught and the stack trace stays whole for a caller who does catch it.
    /// </summary>
    public static bool MarkWhenConfiguration(Exception failure, int exitCode)
    {
        if (failure is FormatException or IOException or UnauthorizedAccessException || failure.GetType().Namespace == "Config.Providers.Consul")
        {
            Mark(failure, exitCode);
        }

        return false;
    }

    private static void Report(Exception? failure)
    {
        // An async Main rethrows the original exception; a synchronous wait may wrap it once.
        var marked = failure is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException : failure;
        if (marked is null || !Marked.TryGetValue(marked, out var code))
        {
            return;
        }

        Console.Error.WriteLine(marked.Message);
        Console.Error.WriteLine($"The service did not start (exit code {code.Value}).");
        ProcessExit.Exit(code.Value);
    }
}

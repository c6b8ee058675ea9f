using System.Runtime.InteropServices;

namespace Config.Providers.Cli.Exec;

/// <summary>Signal names and numbers (Linux and macOS), and sending one to a process — what <c>Process.Kill</c> cannot.</summary>
internal static partial class Signals
{
    public const int Hangup = 1;
    public const int Interrupt = 2;
    public const int Quit = 3;
    public const int Kill = 9;
    public const int Terminate = 15;

    /// <summary><c>SIGHUP</c>, <c>HUP</c> or <c>1</c> → 1; null for a name this tool does not know.</summary>
    public static int? Parse(string name)
    {
        var upper = name.Trim().ToUpperInvariant();
        upper = upper.StartsWith("SIG", StringComparison.Ordinal) ? upper[3..] : upper;
        return upper switch
        {
            "HUP" => Hangup,
            "INT" => Interrupt,
            "QUIT" => Quit,
            "KILL" => Kill,
            "TERM" => Terminate,
            "USR1" => OperatingSystem.IsMacOS() ? 30 : 10,
            "USR2" => OperatingSystem.IsMacOS() ? 31 : 12,
            _ when int.TryParse(upper, out var number) && number is > 0 and < 65 => number,
            _ => null,
        };
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is gone.</summary>
    public static bool Send(int pid, int signal) => !OperatingSystem.IsWindows() && kill(pid, signal) == 0;

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // a plain P/Invoke: the tool does not enable unsafe code for one call
    private static extern int kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}

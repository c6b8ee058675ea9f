using System.Diagnostics;

namespace Config.Providers.Checking;

/// <summary>
/// Runs this program again with <c>--check-config</c> moved last, when the host read the switch that followed it as
/// its value (<see cref="ConfigCheckRequest.Reordered"/>): the child builds its configuration from the command line the
/// user meant, checks it, and its output and exit code are this process's. Nothing of this process has started.
/// </summary>
internal static class ConfigCheckRelaunch
{
    /// <summary>Set in the child, so that a child can never relaunch again.</summary>
    public const string Guard = "CONFIG_PROVIDERS_CHECK_RELAUNCHED";

    /// <summary>Whether this process is such a child.</summary>
    public static bool IsChild => Environment.GetEnvironmentVariable(Guard) == "1";

    /// <summary>Runs the child with <paramref name="arguments"/>, sharing standard input, output and error; returns its exit code.</summary>
    public static int Run(IReadOnlyList<string> arguments)
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("--check-config: the program's path is unknown, so it cannot be run again with the switch last; put --check-config last");
        var start = new ProcessStartInfo(process) { UseShellExecute = false };

        // Under the muxer (dotnet Orders.dll …) the application's assembly comes first; an apphost or a native
        // executable is the program itself.
        if (Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[Guard] = "1";
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"--check-config: {process} did not start again");
        child.WaitForExit();
        return child.ExitCode;
    }
}

using System.Globalization;
using System.Runtime;

namespace Startup;

/// <summary>
/// What the runtime did for this process besides running it: methods compiled by the JIT (zero under Native AOT; few
/// when ReadyToRun code was used), the time spent compiling them, and the assemblies loaded. The startup comparison
/// averages them beside the wall time, so a change to startup can say where its milliseconds went.
/// </summary>
public static class RuntimeWork
{
    public static string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"jit_methods={JitInfo.GetCompiledMethodCount()} jit_ms={JitInfo.GetCompilationTime().TotalMilliseconds:F1} assemblies={AppDomain.CurrentDomain.GetAssemblies().Length}");
}

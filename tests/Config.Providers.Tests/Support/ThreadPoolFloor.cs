using System.Runtime.CompilerServices;

namespace Config.Providers.Tests.Support;

/// <summary>
/// This test process runs hundreds of hosts, agents and proxies, many of them blocking a pool thread on purpose
/// (<c>IConfigurationProvider.Load</c> is synchronous by contract). The pool then grows by about one thread a second,
/// and a timer callback or a <c>Task.Run</c> waits its turn: the wall-clock tests measured a progress line 2.1 s late
/// with the library's own clock saying 1.3 s. A service does not block dozens of pool threads at once; the test process
/// starts with enough threads that what the timed tests measure is the library, not the queue.
/// </summary>
internal static class ThreadPoolFloor
{
    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}

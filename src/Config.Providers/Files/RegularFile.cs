using System.Runtime.InteropServices;

namespace Config.Providers.Files;

/// <summary>
/// Whether a path is a regular file, asked before opening it: opening a FIFO blocks until someone writes to it (a
/// service would hang at startup), and a device such as <c>/dev/zero</c> never ends. .NET reports neither, so on Linux
/// this asks libc's <c>stat</c> (following links) for the file type; elsewhere it cannot tell and answers null.
/// </summary>
internal static partial class RegularFile
{
    private const int TypeMask = 0xF000;
    private const int Regular = 0x8000;
    private const int Directory = 0x4000;

    /// <summary>True for a regular file (or a directory: the caller says what that means), false for a FIFO, socket or device, null when unknown.</summary>
    public static bool? IsRegularOrDirectory(string path)
    {
        if (!OperatingSystem.IsLinux() || ModeOffset() is not { } offset)
        {
            return null;
        }

        var buffer = new byte[256];   // larger than struct stat on every Linux architecture
        try
        {
            if (Stat(path, buffer) != 0)
            {
                return null;
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            try
            {
                // glibc before 2.33 exports stat only as __xstat (version 1 on x86-64, 0 on the generic layout).
                if (XStat(RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 1 : 0, path, buffer) != 0)
                {
                    return null;
                }
            }
            catch (Exception inner) when (inner is EntryPointNotFoundException or DllNotFoundException)
            {
                return null;
            }
        }

        var type = BitConverter.ToInt32(buffer, offset) & TypeMask;
        return type is Regular or Directory;
    }

    /// <summary>Where <c>st_mode</c> sits in Linux's <c>struct stat</c>: after dev, ino and nlink on x86-64; after dev and ino on the generic layout (arm64, riscv64 …).</summary>
    private static int? ModeOffset() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 24,
        Architecture.Arm64 or Architecture.RiscV64 or Architecture.LoongArch64 => 16,
        _ => null,
    };

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);

    [DllImport("libc", EntryPoint = "__xstat", SetLastError = true)]
    private static extern int XStat(int version, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
}

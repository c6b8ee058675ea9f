namespace Startup;

/// <summary>The process's peak resident memory (VmHWM), as the startup comparison reports it.</summary>
public static class PeakRss
{
    public static long Kilobytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }
}

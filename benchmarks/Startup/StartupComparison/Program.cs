// Whole-process startup comparison: each argument is "label=program [args…]"; every program runs once per round,
// in turn, so that a slow moment of the machine hits all of them alike. Reports wall time from start to exit and
// the peak resident memory each program prints (peak_rss_kb=…). Usage: see docs/benchmarks.md.
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

var rounds = 30;
var warmups = 3;
var programs = new List<(string Label, string Program, string[] Arguments)>();
foreach (var argument in args)
{
    if (argument.StartsWith("--rounds=", StringComparison.Ordinal))
    {
        rounds = int.Parse(argument["--rounds=".Length..], CultureInfo.InvariantCulture);
        continue;
    }

    var (label, command) = (argument[..argument.IndexOf('=')], argument[(argument.IndexOf('=') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    programs.Add((label, Path.GetFullPath(command[0]), command[1..]));
}

var times = programs.Select(_ => new List<double>()).ToArray();
var memory = programs.Select(_ => new List<long>()).ToArray();
var work = programs.Select(_ => new List<(double Methods, double JitMs, double Assemblies)>()).ToArray();
for (var round = 0; round < warmups + rounds; round++)
{
    for (var i = 0; i < programs.Count; i++)
    {
        var (label, program, arguments) = programs[i];
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, WorkingDirectory = Path.GetDirectoryName(program)! };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0 || !output.StartsWith("ok", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{label} failed ({process.ExitCode}): {output}");
        }

        if (round >= warmups)
        {
            times[i].Add(clock.Elapsed.TotalMilliseconds);
            memory[i].Add(long.Parse(Regex.Match(output, @"peak_rss_kb=(\d+)").Groups[1].Value, CultureInfo.InvariantCulture));
            work[i].Add((Number(output, "jit_methods"), Number(output, "jit_ms"), Number(output, "assemblies")));
        }
    }
}

var baseline = times[^1].Average();
Console.WriteLine($"{rounds} rounds after {warmups} warm-up rounds; ratio against the last program.");
Console.WriteLine();
Console.WriteLine("| Program | Mean | Median | StdDev | Ratio | Peak RSS | JIT-compiled methods | JIT time | Assemblies |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (var i = 0; i < programs.Count; i++)
{
    var sorted = times[i].Order().ToList();
    var mean = sorted.Average();
    var deviation = Math.Sqrt(sorted.Sum(t => (t - mean) * (t - mean)) / (sorted.Count - 1));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {programs[i].Label} | {mean:F1} ms | {sorted[sorted.Count / 2]:F1} ms | {deviation:F1} ms | {mean / baseline:F2} | {memory[i].Average() / 1024:F1} MiB | {work[i].Average(w => w.Methods):F0} | {work[i].Average(w => w.JitMs):F1} ms | {work[i].Average(w => w.Assemblies):F0} |"));
}

// A "name=number" the program printed; missing (an older build of a program) reads as NaN rather than failing the run.
static double Number(string output, string name)
{
    var match = Regex.Match(output, name + @"=([0-9.]+)");
    return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
}

using Config.Providers.Cli.Output;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Cli.Push;

/// <summary>
/// What <c>push</c> writes: the flattened keys of one file (<c>.yaml</c>, <c>.yml</c>, <c>.json</c>, <c>.env</c>) or of every
/// such file in a folder (recursively, in path order), read by the library's own providers — so what is pushed is
/// exactly what a service would read from those files. Two files setting the same key is an error naming both; other
/// files in a folder are listed as skipped.
/// </summary>
internal static class PushInput
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json", ".env"];

    /// <summary>The keys and values (real values: they are written), each with the file it came from.</summary>
    /// <exception cref="InvalidOperationException">The input does not exist, holds nothing readable, or two files set one key.</exception>
    public static IReadOnlyList<FlatEntry> Read(string path, TextWriter notes)
    {
        string[] files;
        if (Directory.Exists(path))
        {
            var all = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            files = [.. all.Where(IsReadable)];
            foreach (var skipped in all.Where(f => !IsReadable(f)))
            {
                notes.WriteLine($"skipped {skipped}: not a .yaml, .yml, .json or .env file");
            }

            if (files.Length == 0)
            {
                throw new InvalidOperationException($"{path}: no .yaml, .yml, .json or .env file in the folder");
            }
        }
        else if (File.Exists(path))
        {
            files = IsReadable(path) ? [path] : throw new InvalidOperationException($"{path}: push reads .yaml, .yml, .json or .env files");
        }
        else
        {
            throw new InvalidOperationException($"{path}: no such file or folder");
        }

        var entries = new Dictionary<string, FlatEntry>(StringComparer.OrdinalIgnoreCase);
        var conflicts = new List<string>();
        foreach (var file in files)
        {
            foreach (var entry in ReadFile(file))
            {
                if (entries.TryGetValue(entry.Key, out var earlier))
                {
                    conflicts.Add($"'{entry.Key}' is set by both {earlier.Source} and {entry.Source}");
                    continue;
                }

                entries[entry.Key] = entry;
            }
        }

        return conflicts.Count > 0
            ? throw new InvalidOperationException($"{conflicts.Count} key(s) set twice in the input: {string.Join("; ", conflicts)}")
            : [.. entries.Values.OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase)];
    }

    private static bool IsReadable(string file) => Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<FlatEntry> ReadFile(string file)
    {
        var builder = new ConfigurationBuilder();
        var full = Path.GetFullPath(file);
        if (Path.GetExtension(file).Equals(".env", StringComparison.OrdinalIgnoreCase))
        {
            // Exact values: a ${VAR} is pushed as written, not as this machine's environment would expand it.
            builder.AddEnvFile(s => { s.Path = full; s.Interpolation = false; });
        }
        else
        {
            builder.AddYamlFile(full);   // JSON is read as YAML 1.2, as the Consul provider reads .json documents
        }

        var root = builder.Build();
        try
        {
            return FlatConfiguration.Read(root, revealSecrets: true).Select(e => e with { Source = file });
        }
        finally
        {
            (root as IDisposable)?.Dispose();
        }
    }
}

using Config.Providers.Consul;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Cli.Sources;

/// <summary>
/// The sources of a command in the order given (later wins), read from the raw arguments because their order
/// across different options is what decides precedence.
/// </summary>
internal static class SourceList
{
    public static readonly string[] FileOptions = ["--env-file", "--yaml", "--dotcloud"];

    public static List<SourceArgument> FromArguments(IReadOnlyList<string> args)
    {
        var sources = new List<SourceArgument>();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            if (name == "--discover")
            {
                sources.Add(new SourceArgument(name, string.Empty));
            }
            else if (FileOptions.Contains(name) || name == "--consul")
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : string.Empty);
                sources.Add(new SourceArgument(name, value));
            }
        }

        return sources;
    }

    /// <summary>Builds the configuration; file paths are taken as given (relative to the current directory).</summary>
    public static IConfigurationRoot Build(IReadOnlyList<SourceArgument> sources, string? consulPrefix, string? consulTokenFile, bool watch, string? service = null, string? directory = null)
    {
        var root = Path.GetFullPath(directory ?? Directory.GetCurrentDirectory());
        var builder = new ConfigurationBuilder().SetBasePath(Directory.GetCurrentDirectory());
        foreach (var source in sources)
        {
            switch (source.Kind)
            {
                case "--env-file":
                    builder.AddEnvFile(s => Configure(s, source.Value, watch));
                    break;
                case "--yaml":
                    builder.AddYamlFile(s => Configure(s, source.Value, watch));
                    break;
                case "--dotcloud":
                    builder.AddDotCloudEnvironment(s => Configure(s, source.Value, watch));
                    break;
                case "--discover":
                    // The chain AddServiceDiscovery() builds, from the directory (default: current) and the environment.
                    var options = new ServiceDiscoveryOptions
                    {
                        ServiceName = service ?? Path.GetFileName(root),
                        Environment = System.Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? System.Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production",
                        ReloadOnChange = watch,
                    };

                    // Off a dotCloud box, an environment.json next to the other files stands in for the real one.
                    if (!File.Exists(options.DotCloudEnvironmentFile))
                    {
                        options.DotCloudEnvironmentFile = "environment.json";
                    }

                    foreach (var discovered in Discovery.ServiceDiscoverySources.Create(options, root, new List<string>()))
                    {
                        builder.Add(discovered);
                    }

                    break;
                case "--consul":
                    builder.AddConsulKv(s =>
                    {
                        s.Client = new ConsulClientOptions
                        {
                            Address = ConsulLocator.ParseAddress(source.Value, "http"),
                            Token = consulTokenFile is null ? null : File.ReadAllText(consulTokenFile).Trim(),
                        };
                        s.Root = consulPrefix ?? "config";
                        s.ReloadOnChange = watch;
                        s.StartupTimeout = TimeSpan.FromSeconds(10);
                    });
                    break;
            }
        }

        return builder.Build();
    }

    private static void Configure(Files.WatchedFileSource source, string path, bool watch)
    {
        source.Path = path;
        source.ReloadOnChange = watch;
    }

    private static (string Name, string? Inline) Split(string argument)
    {
        var equals = argument.IndexOf('=');
        return argument.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (argument[..equals], argument[(equals + 1)..]) : (argument, null);
    }
}

using System.CommandLine.Parsing;
using Config.Providers.Consul;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Cli.Sources;

/// <summary>
/// The sources of a command in the order given (later wins), read from System.CommandLine's tokens because their
/// order across different options is what decides precedence, which the per-option values do not keep.
/// </summary>
internal static class SourceList
{
    public static readonly string[] FileOptions = ["--env-file", "--yaml", "--dotcloud"];

    /// <summary>The source options in the order System.CommandLine read them (it splits <c>--opt=value</c> too).</summary>
    public static List<SourceArgument> FromTokens(IReadOnlyList<Token> tokens)
    {
        var sources = new List<SourceArgument>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type != TokenType.Option)
            {
                continue;
            }

            var name = tokens[i].Value;
            if (name == "--discover")
            {
                sources.Add(new SourceArgument(name, string.Empty));
            }
            else if (FileOptions.Contains(name) || name == "--consul")
            {
                var value = i + 1 < tokens.Count && tokens[i + 1].Type == TokenType.Argument ? tokens[++i].Value : string.Empty;
                sources.Add(new SourceArgument(name, value));
            }
        }

        return sources;
    }

    /// <summary>Builds the configuration; file paths are taken as given (relative to the current directory).</summary>
    public static IConfigurationRoot Build(IReadOnlyList<SourceArgument> sources, string? consulPrefix, string? consulTokenFile, bool watch, string? service = null, string? directory = null, string? environment = null, List<string>? notes = null)
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
                        Environment = environment ?? System.Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? System.Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production",
                        ReloadOnChange = watch,
                    };

                    // Off a dotCloud box, an environment.json next to the other files stands in for the real one.
                    if (!File.Exists(DotCloud.DotCloudConfigurationSource.FindDefaultPath()))
                    {
                        options.DotCloudEnvironmentFile = "environment.json";
                    }

                    // As the service: its appsettings*.json under everything discovered, and its ConfigProviders
                    // section (from those files and the process environment) deciding where Consul is and what is read.
                    var appsettings = new[] { "appsettings.json", $"appsettings.{options.Environment}.json" }.Where(f => File.Exists(Path.Combine(root, f))).ToList();
                    foreach (var file in appsettings)
                    {
                        builder.AddJsonFile(Path.Combine(root, file), optional: true, reloadOnChange: watch);
                    }

                    var host = new ConfigurationBuilder();
                    appsettings.ForEach(file => host.AddJsonFile(Path.Combine(root, file), optional: true));
                    host.AddEnvironmentVariables();
                    Discovery.ServiceDiscoverySection.Apply(host.Build(), Microsoft.Extensions.Hosting.ServiceDiscoveryHostingExtensions.ConfigurationSection, options);

                    // What the tool is told wins, as the service's own code wins over the section.
                    options.ServiceName = service ?? options.ServiceName;
                    options.Environment = environment ?? options.Environment;

                    foreach (var discovered in Discovery.ServiceDiscoverySources.Create(options, root, new List<string>()))
                    {
                        builder.Add(discovered);
                    }

                    notes?.Add($"--discover read {(appsettings.Count == 0 ? "no appsettings*.json" : string.Join(", ", appsettings))} and the ConfigProviders section as the service does; not shown: the process's environment variables and command line, which the service puts above all of these");
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
                        s.Service = service;
                        s.Environment = environment;
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
}

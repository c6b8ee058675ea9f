using Config.Providers.Diagnostics;
using Config.Providers.Discovery;
using Config.Providers.Settings.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Config.Providers.Checking;

/// <summary>Runs <c>--check-config</c>: every settings type and options name checked, the report printed, the process ended.</summary>
internal static class ConfigCheck
{
    /// <summary>Checks every <c>AddSettings</c> registration against the host's configuration.</summary>
    public static ConfigCheckReport Run(IServiceProvider services)
    {
        var discovery = services.GetService<ServiceDiscoveryReport>();
        var root = services.GetService<IConfiguration>() as IConfigurationRoot;
        return new ConfigCheckReport
        {
            Service = discovery?.Options.ServiceName,
            Environment = discovery?.Options.Environment,
            ContentRoot = services.GetService<IHostEnvironment>()?.ContentRootPath,
            Sources = root is null ? [] : [.. Describe(root)],
            SourceWarnings = root is null ? [] : [.. SourceStatuses.Of(root).SelectMany(status => status.Warnings)],
            Notes = discovery?.Notes ?? [],
            Settings = [.. services.GetServices<SettingsStartupEntry>().Select(entry => entry.Check(services))],
        };
    }

    /// <summary>Every provider, looking through chained configurations (AddServiceDiscovery's), lowest precedence first.</summary>
    private static IEnumerable<string> Describe(IConfigurationRoot root) =>
        Core.LeafProviders.Of(root).Select(provider => provider.ToString() ?? provider.GetType().Name);

    /// <summary>The configuration could not be built (a required file, Consul not answering): report it and exit 2.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void ExitWithFailure(ConfigCheckRequest request, ServiceDiscoveryOptions options, string contentRoot, Exception failure) =>
        ProcessExit.Exit(Print(request, new ConfigCheckReport
        {
            Service = options.ServiceName,
            Environment = options.Environment,
            ContentRoot = contentRoot,
            Failure = failure.Message,
        }));

    /// <summary>
    /// The check's own command line, read before anything else: an unknown format ends the process with the usage (64);
    /// a switch the host read as the check's value runs the program again with the switch last (its exit code is ours).
    /// </summary>
    public static ConfigCheckRequest? FromProcessOrExit(string @switch = ConfigCheckRequest.Switch)
    {
        ConfigCheckRequest? request;
        try
        {
            request = ConfigCheckRequest.FromProcess(@switch);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(ConfigCheckRequest.UsageFor(@switch));
            ProcessExit.Exit(ConfigCheckRequest.Usage);
            return null;
        }

        if (request?.Reordered is { } arguments && !ConfigCheckRelaunch.IsChild)
        {
            ProcessExit.Exit(ConfigCheckRelaunch.Run(arguments));
        }

        return request;
    }

    /// <summary>Prints <paramref name="report"/> on standard output and returns its exit code.</summary>
    public static int Print(ConfigCheckRequest request, ConfigCheckReport report)
    {
        if (request.Json)
        {
            using var output = Console.OpenStandardOutput();
            ConfigCheckOutput.WriteJson(report, output);
        }
        else
        {
            ConfigCheckOutput.WriteText(report, Console.Out);
        }

        return report.ExitCode;
    }
}

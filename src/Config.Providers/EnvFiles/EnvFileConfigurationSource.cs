using Config.Providers.Files;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.EnvFiles;

/// <summary>An env file as a configuration source. <c>A__B</c> becomes the key <c>A:B</c>.</summary>
public sealed class EnvFileConfigurationSource : WatchedFileSource
{
    /// <summary>The syntax. Default: <see cref="EnvFileDialect.Compose"/>.</summary>
    public EnvFileDialect Dialect { get; set; } = EnvFileDialect.Compose;

    /// <summary>When set, only variables starting with it are read, and it is removed from their keys, as <c>AddEnvironmentVariables(prefix)</c> does.</summary>
    public string? Prefix { get; set; }

    /// <summary>Whether <c>${VAR}</c> forms are expanded (Compose dialect). Default: true.</summary>
    public bool Interpolation { get; set; } = true;

    /// <summary>Where interpolation looks up variables the file does not define. Default: the process environment (read only).</summary>
    public Func<string, string?>? Environment { get; set; }

    /// <inheritdoc />
    public override IConfigurationProvider Build(IConfigurationBuilder builder) => new EnvFileConfigurationProvider(this, ResolvePath(builder));
}

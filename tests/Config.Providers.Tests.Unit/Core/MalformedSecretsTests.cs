using Config.Providers.Core;
using Config.Providers.EnvFiles;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Tests.Core;

/// <summary>
/// Files that hold a secret on a malformed line: the error (or warning) names the file, line and column, and never
/// prints the secret (issue 23: a continued env password, an unquoted PEM, YAML passwords read as a tag or an alias).
/// </summary>
public sealed class MalformedSecretsTests : IDisposable
{
    private const string Secret = "S3cretHalfOfThePassword";
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("config.yaml", "db:\n  password: !" + Secret + "\n")]
    [InlineData("config.yaml", "db:\n  password: *" + Secret + "\n")]
    [InlineData("compose.env", "DB_PASSWORD=first part\n" + Secret + " and more\n")]
    [InlineData("compose.env", "DB_PASSWORD=\"unterminated " + Secret + "\nB=2\n")]
    [InlineData("compose.env", "TLS_KEY=-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n")]
    [InlineData("systemd.env", "DB_PASSWORD=first part\n" + Secret + "\n")]
    public void The_error_locates_the_line_and_never_prints_the_secret(string name, string content)
    {
        var path = directory.Write(name, content);
        var builder = new ConfigurationBuilder();
        if (name.EndsWith(".yaml", StringComparison.Ordinal))
        {
            builder.AddYamlFile(path);
        }
        else
        {
            builder.AddEnvFile(s =>
            {
                s.Path = path;
                s.Dialect = name.StartsWith("systemd", StringComparison.Ordinal) ? EnvFileDialect.Systemd : EnvFileDialect.Compose;
                s.Environment = _ => null;
            });
        }

        var error = Assert.Throws<ConfigurationFormatException>(() => builder.Build());

        Assert.StartsWith(path + ":", error.Message);
        Assert.DoesNotContain(Secret, error.Message);
        Assert.DoesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", error.Message);
    }
}

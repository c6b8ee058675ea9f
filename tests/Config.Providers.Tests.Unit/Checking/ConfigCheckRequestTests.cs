using Config.Providers.Checking;

namespace Config.Providers.Tests.Checking;

/// <summary>How a service reads its own <c>--check-config</c> switch, in any argument order.</summary>
public sealed class ConfigCheckRequestTests
{
    [Theory]
    [InlineData(new[] { "--check-config" }, false)]
    [InlineData(new[] { "--check-config=json" }, true)]
    [InlineData(new[] { "--check-config=TEXT" }, false)]
    [InlineData(new[] { "--check-config", "json" }, true)]
    [InlineData(new[] { "--check-config", "--format", "json" }, true)]
    [InlineData(new[] { "--Db:Port=1", "--check-config", "--format=json" }, true)]
    [InlineData(new[] { "--contentRoot=/srv/orders", "--check-config" }, false)]
    public void Formats_are_read_and_nothing_is_relaunched_when_the_host_reads_the_command_line_as_meant(string[] args, bool json)
    {
        var request = ConfigCheckRequest.FromArgs(args);

        Assert.NotNull(request);
        Assert.Equal(json, request.Json);
        Assert.Null(request.Reordered);
    }

    [Fact]
    public void A_switch_after_the_bare_check_is_kept_and_the_check_moved_last_with_its_format()
    {
        Assert.Equal(["--contentRoot=/srv/orders", "--Db:Port=1", "--check-config=text"], ConfigCheckRequest.FromArgs(["--check-config", "--contentRoot=/srv/orders", "--Db:Port=1"])!.Reordered);
        Assert.Equal(["--contentRoot", "/srv/orders", "--check-config=json"], ConfigCheckRequest.FromArgs(["--check-config", "--contentRoot", "/srv/orders", "--format", "json"])!.Reordered);
    }

    [Theory]
    [InlineData("--check-config=yaml")]
    [InlineData("--check-config", "yaml")]
    [InlineData("--check-config", "--format", "xml")]
    [InlineData("--check-config", "--format=")]
    public void Any_other_format_is_a_usage_error_naming_it(params string[] args)
    {
        var error = Assert.Throws<FormatException>(() => ConfigCheckRequest.FromArgs(args));
        Assert.StartsWith("--check-config: unknown format '", error.Message);
    }

    [Fact]
    public void Without_the_switch_there_is_no_check_and_a_format_switch_is_the_programs_own()
    {
        Assert.Null(ConfigCheckRequest.FromArgs(["--format", "json", "--contentRoot=/srv"]));
        Assert.Null(ConfigCheckRequest.FromArgs(["--format=xml"]));
    }
}

using Config.Providers.Core;

namespace Config.Providers.Tests.Core;

/// <summary>The one endpoint URL and port reading every source shares.</summary>
public sealed class EndpointUrlTests
{
    [Theory]
    [InlineData("amqp://root:p@ss/w:rd@10.0.0.5:5672/vhost", "amqp", "root", "p@ss/w:rd", "10.0.0.5", 5672)]
    [InlineData("pgsql://u:pw@[::1]:5432", "pgsql", "u", "pw", "::1", 5432)]
    [InlineData("http://www.example.internal/", "http", null, null, "www.example.internal", 80)]
    [InlineData("https://api.example.internal", "https", null, null, "api.example.internal", 443)]
    [InlineData("redis://cache:0", "redis", null, null, "cache", null)]
    [InlineData("redis://cache:70000", "redis", null, null, "cache", null)]
    [InlineData("tcp://db:54x2", "tcp", null, null, "db", null)]
    public void Splits_urls_as_generated_files_write_them(string url, string scheme, string? user, string? password, string host, int? port)
    {
        var parts = EndpointUrl.Split(url);
        Assert.Equal((scheme, user, password, host, port), (parts.Scheme, parts.Username, parts.Password, parts.Host, parts.Port));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("65535", true)]
    [InlineData("0", false)]
    [InlineData("65536", false)]
    [InlineData("+80", false)]
    [InlineData(" 80", false)]
    [InlineData(null, false)]
    public void A_port_is_digits_from_1_to_65535(string? text, bool valid) => Assert.Equal(valid, EndpointUrl.TryParsePort(text, out _));

    [Fact]
    public void The_password_is_removed_from_a_url_to_show_it() =>
        Assert.Equal("amqp://root@10.0.0.5:5672", EndpointUrl.WithoutPassword("amqp://root:p@ss@10.0.0.5:5672"));
}

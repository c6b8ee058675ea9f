using Config.Providers.Testing;

namespace Config.Providers.Tests.Support;

/// <summary>The fixtures' one port allocator: no port twice, none from the kernel's ephemeral range.</summary>
public sealed class TestPortsTests
{
    [Fact]
    public async Task Ports_asked_for_at_once_from_many_threads_are_all_different_and_below_the_ephemeral_range()
    {
        var ports = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Enumerable.Range(0, 50).Select(_ => TestPorts.Next()).ToArray())));

        var all = ports.SelectMany(p => p).ToArray();
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.All(all, port => Assert.InRange(port, TestPorts.Range.First, TestPorts.Range.End));
        var ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0]);
        Assert.True(TestPorts.Range.End < ephemeralStart, $"the range ends at {TestPorts.Range.End}, inside the ephemeral range from {ephemeralStart}");
    }
}

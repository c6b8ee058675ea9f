using Config.Providers.Consul;
using Verdict = Config.Providers.Consul.ConsulResetGuard.Verdict;

namespace Config.Providers.Tests.Consul;

/// <summary>The reset guard's rule alone: a reset that empties a folder is held until the index moves past it; edits never are.</summary>
public sealed class ConsulResetGuardTests
{
    private readonly ConsulResetGuard guard = new();

    [Theory]
    [InlineData(10, 0, 500, 12, "HoldNew")]      // index back, every key gone
    [InlineData(10, 4, 500, 12, "HoldNew")]      // index back, most keys gone
    [InlineData(10, 5, 500, 12, "Apply")]        // index back, half the keys kept: not "emptied"
    [InlineData(10, 0, 500, 501, "Apply")]       // an ordinary delete: the index moves forward
    [InlineData(0, 0, 500, 12, "Apply")]         // nothing to lose
    [InlineData(10, 0, 0, 12, "Apply")]          // the first answer
    public void A_reset_is_held_only_when_it_empties_the_folder(int before, int after, long previous, long current, string expected) =>
        Assert.Equal(Enum.Parse<Verdict>(expected), guard.Judge("config/orders/", before, after, new ConsulIndexStep((ulong)previous, (ulong)current)));

    [Fact]
    public void A_held_folder_stays_held_until_the_index_moves_past_the_reset()
    {
        Assert.Equal(Verdict.HoldNew, guard.Judge("config/orders/", 10, 0, new(500, 12)));
        Assert.Equal(Verdict.StillHeld, guard.Judge("config/orders/", 10, 0, new(12, 12)));     // a wait that ran out
        Assert.Equal(Verdict.StillHeld, guard.Judge("config/orders/", 10, 0, default));          // Reload(): no index
        Assert.Equal(Verdict.Apply, guard.Judge("config/other/", 3, 3, new(500, 13)));           // other folders go on
        Assert.Equal(Verdict.Confirmed, guard.Judge("config/orders/", 10, 1, new(12, 13)));      // a write: confirmed
        Assert.Equal(Verdict.Apply, guard.Judge("config/orders/", 1, 1, new(13, 14)));
    }
}

namespace Config.Providers.Consul;

/// <summary>
/// Keeps a startup wait from going silent: while Consul is awaited, <c>say</c> runs whenever nothing has been said for
/// <see cref="Quiet"/> (a failed attempt says its own reason and calls <see cref="Said"/>). A hung Consul, which fails
/// no attempt until the attempt's deadline, is so reported within about a second and every second after.
/// </summary>
internal sealed class ConsulStartupProgress : IDisposable
{
    /// <summary>The longest silence while waiting.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private readonly TimeProvider time;
    private readonly Action say;
    private readonly ITimer timer;
    private long lastSaid;

    public ConsulStartupProgress(TimeProvider time, Action say)
    {
        this.time = time;
        this.say = say;
        lastSaid = time.GetTimestamp();
        timer = time.CreateTimer(_ => OnTick(), null, Tick, Tick);
    }

    /// <summary>Something was just said: the silence starts over.</summary>
    public void Said() => Interlocked.Exchange(ref lastSaid, time.GetTimestamp());

    public void Dispose() => timer.Dispose();

    private void OnTick()
    {
        if (time.GetElapsedTime(Interlocked.Read(ref lastSaid)) < Quiet)
        {
            return;
        }

        Said();
        try
        {
            say();
        }
        catch (Exception)
        {
            // A timer callback must never throw (the process would end); a logger that fails loses one progress line.
        }
    }
}

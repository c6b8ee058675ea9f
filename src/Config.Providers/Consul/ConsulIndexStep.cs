namespace Config.Providers.Consul;

/// <summary>How an answer's index relates to the one before it, handed with the answer to the watch's consumer.</summary>
/// <param name="Previous">The index the watch held before this answer (0 before the first).</param>
/// <param name="Current">The answer's index (0 when it had none).</param>
internal readonly record struct ConsulIndexStep(ulong Previous, ulong Current)
{
    /// <summary>
    /// The index went back: Consul's state started over (a dev agent restarted, a cluster rebuilt, a snapshot restored).
    /// </summary>
    public bool WentBack => Current > 0 && Current < Previous;
}

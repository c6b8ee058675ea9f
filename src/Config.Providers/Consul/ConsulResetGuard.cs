namespace Config.Providers.Consul;

/// <summary>
/// Tells a reset that empties a folder from an edit. An answer whose index went back (Consul's state started over)
/// and that keeps fewer than half of a folder's keys looks like a cluster rebuilt empty or restored from the wrong
/// snapshot — applied, it would switch every service's settings back to their defaults. Such an answer is held: the
/// folder keeps its last good data until an answer with an index past the reset's (a write: someone confirmed the new
/// state). An ordinary delete, with the index moving forward, is never held. Not thread-safe: used under the
/// provider's lock.
/// </summary>
internal sealed class ConsulResetGuard
{
    private readonly Dictionary<string, ulong> held = new(StringComparer.Ordinal);

    /// <summary>What the guard decided about an answer.</summary>
    public enum Verdict
    {
        /// <summary>Apply it.</summary>
        Apply,

        /// <summary>Hold it: a reset that empties the folder, seen now for the first time.</summary>
        HoldNew,

        /// <summary>Hold it: the folder is already held and the index has not moved past the reset.</summary>
        StillHeld,

        /// <summary>Apply it: the index moved past the reset that held the folder.</summary>
        Confirmed,
    }

    /// <summary>Judges <paramref name="folder"/>'s answer with <paramref name="keys"/> keys after <paramref name="keysBefore"/>.</summary>
    public Verdict Judge(string folder, int keysBefore, int keys, ConsulIndexStep step)
    {
        if (held.TryGetValue(folder, out var resetAt))
        {
            if (step.Current > resetAt)
            {
                held.Remove(folder);
                return Verdict.Confirmed;
            }

            return Verdict.StillHeld;
        }

        if (step.WentBack && keysBefore > 0 && keys * 2 < keysBefore)
        {
            held[folder] = step.Current;
            return Verdict.HoldNew;
        }

        return Verdict.Apply;
    }
}

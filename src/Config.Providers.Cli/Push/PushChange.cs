namespace Config.Providers.Cli.Push;

/// <summary>One key <c>push</c> adds, changes or deletes, with the values shown (secrets masked) and the operation it takes.</summary>
/// <param name="Kind"><c>+</c> added, <c>~</c> changed, <c>-</c> deleted (<c>--prune</c>).</param>
/// <param name="Key">The Consul key, relative to the target folder.</param>
/// <param name="Shown">The new value for display, masked when secret.</param>
/// <param name="WasShown">The old value for display, masked when secret.</param>
/// <param name="Operation">The checked write or delete.</param>
internal sealed record PushChange(char Kind, string Key, string? Shown, string? WasShown, Consul.ConsulTxnOperation Operation)
{
    public override string ToString() => Kind switch
    {
        '+' => $"+ {Key} = {Shown}",
        '~' => $"~ {Key} = {Shown} (was {WasShown})",
        _ => $"- {Key}",
    };
}

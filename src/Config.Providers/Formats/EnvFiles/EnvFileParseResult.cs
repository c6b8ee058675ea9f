namespace Config.Providers.Formats.EnvFiles;

/// <summary>The assignments of an env file, in file order, and warnings (such as an unset variable expanded to empty).</summary>
/// <param name="Entries">Every assignment, duplicates included; the last one of a key wins.</param>
/// <param name="Warnings">Things that are legal but probably unintended, each starting with <c>PATH:LINE:COLUMN:</c>.</param>
internal sealed record EnvFileParseResult(IReadOnlyList<EnvEntry> Entries, IReadOnlyList<string> Warnings);

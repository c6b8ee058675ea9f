using Config.Providers.Settings.Provenance;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Settings.Pipeline;

/// <summary>One key that differs between the running values and a candidate.</summary>
internal readonly record struct KeyDifference(string Key, bool Mutable, bool Secret, string? Old, string? New);

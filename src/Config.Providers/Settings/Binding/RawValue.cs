namespace Config.Providers.Settings.Binding;

/// <summary>A configuration value the binder read, with the mutability and secrecy of the setting it fed.</summary>
internal readonly record struct RawValue(string Value, bool Mutable, bool Secret);

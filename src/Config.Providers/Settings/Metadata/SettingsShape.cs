using System.ComponentModel;
using Config.Providers.Settings.Binding;

namespace Config.Providers.Settings.Metadata;

/// <summary>
/// A settings type described for the binder at compile time by the settings source generator. Generated code
/// creates it through <see cref="SettingsShapes"/>; application code has no use for it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SettingsShape
{
    internal SettingsShape(TypeShape shape) => Shape = shape;

    internal TypeShape Shape { get; }
}

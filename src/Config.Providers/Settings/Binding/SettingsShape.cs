using System.ComponentModel;

namespace Config.Providers.Settings.Binding;

/// <summary>
/// A settings type described for the binder at compile time by the settings source generator. Generated code
/// creates it through <c>Metadata.SettingsShapes</c>; application code has no use for it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SettingsShape
{
    internal SettingsShape(TypeShape shape) => Shape = shape;

    internal TypeShape Shape { get; }
}

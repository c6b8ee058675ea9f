namespace Config.Providers.Settings;

/// <summary>How a settings type and options name are named in messages and health data: <c>Orders</c>, <c>Endpoint[billing]</c>.</summary>
internal static class SettingsLabel
{
    public static string Of(Type optionsType, string optionsName) =>
        optionsName.Length == 0 ? optionsType.Name : $"{optionsType.Name}[{optionsName}]";
}

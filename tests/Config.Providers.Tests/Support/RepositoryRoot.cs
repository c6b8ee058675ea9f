namespace Config.Providers.Tests.Support;

/// <summary>The checkout the tests run from, found by walking up to Config.Providers.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(System.IO.Path.Combine(root, "Config.Providers.sln")))
        {
            root = System.IO.Path.GetDirectoryName(root) ?? throw new InvalidOperationException("the repository root was not found");
        }

        return root;
    }
}

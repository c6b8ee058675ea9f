using System.Xml;
using System.Xml.Linq;

namespace Config.Providers.Settings.Schema;

/// <summary>
/// The <c>&lt;summary&gt;</c> of settings types and members, from the XML documentation file the compiler writes for
/// an assembly (<c>GenerateDocumentationFile</c>) and the build copies next to the app. No file (a native app publishes
/// none): no descriptions.
/// </summary>
internal sealed class XmlDocumentation
{
    private readonly Dictionary<System.Reflection.Assembly, Dictionary<string, string>?> files = [];

    /// <summary>The summary of <paramref name="type"/>, or null.</summary>
    public string? Of(Type type) => Find(type, "T:" + Name(type));

    /// <summary>The summary of the property <paramref name="member"/> of <paramref name="type"/>, or null.</summary>
    public string? Of(Type type, string member) => Find(type, $"P:{Name(type)}.{member}");

    private static string Name(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    private string? Find(Type type, string id)
    {
        if (!files.TryGetValue(type.Assembly, out var summaries))
        {
            files[type.Assembly] = summaries = Load(type.Assembly);
        }

        return summaries?.GetValueOrDefault(id);
    }

    private static Dictionary<string, string>? Load(System.Reflection.Assembly assembly)
    {
        // Next to the app, where the build copies an assembly's documentation file (Assembly.Location is empty in a
        // single-file or native app, and the trimmer warns about it).
        var path = Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".xml");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return XDocument.Load(path).Descendants("member")
                .Where(m => m.Attribute("name") is not null && m.Element("summary") is not null)
                .GroupBy(m => m.Attribute("name")!.Value, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Text(g.First().Element("summary")!), StringComparer.Ordinal);
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The summary as one line: <c>&lt;see cref="X"/&gt;</c> and <c>&lt;c&gt;</c> as their text, whitespace folded.</summary>
    private static string Text(XElement summary)
    {
        var parts = summary.Nodes().Select(node => node switch
        {
            XText text => text.Value,
            XElement { Name.LocalName: "see" or "seealso" } see => see.Attribute("langword")?.Value ?? see.Attribute("cref")?.Value.Split('.', ':').Last() ?? see.Value,
            XElement { Name.LocalName: "paramref" or "typeparamref" } reference => reference.Attribute("name")?.Value ?? string.Empty,
            XElement element => element.Value,
            _ => string.Empty,
        });
        return string.Join(' ', string.Concat(parts).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}

using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Config.Providers.Generators;

/// <summary>
/// A diagnostic as plain values (descriptor id, file, span, arguments): a <see cref="Diagnostic"/> holds a location
/// tied to one compilation, which would make every pipeline value differ from the last run's. Put back on the
/// compilation's tree when reported.
/// </summary>
internal sealed record DiagnosticInfo(string Id, string? Path, int Start, int Length, int StartLine, int StartCharacter, int EndLine, int EndCharacter, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo From(DiagnosticDescriptor descriptor, Location location, params object?[] arguments)
    {
        var span = location.GetLineSpan();
        return new(
            descriptor.Id,
            location.IsInSource ? span.Path : null,
            location.SourceSpan.Start,
            location.SourceSpan.Length,
            span.StartLinePosition.Line,
            span.StartLinePosition.Character,
            span.EndLinePosition.Line,
            span.EndLinePosition.Character,
            new EquatableArray<string>(arguments.Select(a => a?.ToString() ?? string.Empty).ToImmutableArray()));
    }

    /// <summary>The diagnostic, located in <paramref name="compilation"/>'s tree of the same path when it has one.</summary>
    public Diagnostic ToDiagnostic(Compilation compilation)
    {
        var tree = Path is null ? null : compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == Path);
        var location = tree is not null && Start + Length <= tree.Length
            ? Location.Create(tree, new TextSpan(Start, Length))
            : Path is null
                ? Location.None
                : Location.Create(Path, new TextSpan(Start, Length), new LinePositionSpan(new LinePosition(StartLine, StartCharacter), new LinePosition(EndLine, EndCharacter)));
        return Diagnostic.Create(SettingsDiagnostics.ById(Id), location, Arguments.Cast<object?>().ToArray());
    }
}

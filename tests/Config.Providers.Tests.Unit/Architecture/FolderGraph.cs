using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Config.Providers.Tests.Architecture;

/// <summary>
/// The library as a graph of source folders: an edge A → B when code of a type in folder A names a type in folder B
/// (base type, interfaces, attributes, members' signatures, locals and every type, method and field an instruction
/// refers to). A type's folder is where its file is: <c>{TypeName}.cs</c> under src/Config.Providers (one type per
/// file), or else the folder of the first source document its code has in the PDB, or else (no code) its namespace's
/// folder. Compiler-generated and nested
/// types count as their outermost type. Every type is placed — the root namespace and the framework-namespace
/// <c>Add…</c> classes too — or the build of the graph fails naming it.
/// </summary>
internal sealed class FolderGraph
{
    private readonly Dictionary<string, string> filesByType;
    private readonly string sourceRoot;

    private FolderGraph(string sourceRoot)
    {
        this.sourceRoot = sourceRoot;
        filesByType = Directory.EnumerateFiles(sourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .GroupBy(f => Path.GetFileName(f).Split('.')[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Path.GetDirectoryName(Path.GetRelativePath(sourceRoot, g.First()))!.Replace('\\', '/'), StringComparer.Ordinal);
    }

    /// <summary>Folder → the folders it references, each with one example ("Type → Type") to say why.</summary>
    public Dictionary<string, Dictionary<string, string>> Edges { get; } = new(StringComparer.Ordinal);

    /// <summary>Every folder that holds a type.</summary>
    public SortedSet<string> Folders { get; } = new(StringComparer.Ordinal);

    /// <summary>Types per folder.</summary>
    public Dictionary<string, int> TypeCounts { get; } = new(StringComparer.Ordinal);

    public static FolderGraph Read(string assemblyPath, string sourceRoot)
    {
        var graph = new FolderGraph(sourceRoot);
        using var module = ModuleDefinition.ReadModule(assemblyPath, new ReaderParameters { ReadSymbols = true });
        foreach (var type in module.Types.Where(t => t.Name != "<Module>"))
        {
            if (graph.FolderOf(type) is not { } from)
            {
                continue;   // the compiler's or a generator's shared helper: no folder of ours
            }

            graph.Folders.Add(from);
            if (!type.Name.StartsWith('<'))
            {
                graph.TypeCounts[from] = graph.TypeCounts.GetValueOrDefault(from) + 1;
            }

            foreach (var referenced in References(type))
            {
                if (referenced.Module != module || Outermost(referenced) is var target && target == Outermost(type))
                {
                    continue;
                }

                if (graph.FolderOf(target) is { } to && to != from)
                {
                    var edges = graph.Edges.TryGetValue(from, out var found) ? found : graph.Edges[from] = new(StringComparer.Ordinal);
                    edges.TryAdd(to, $"{type.FullName} → {target.FullName}");
                }
            }
        }

        return graph;
    }

    /// <summary>The folders that reference each other through any path: each strongly connected set of more than one.</summary>
    public static List<List<string>> Cycles(IReadOnlyDictionary<string, IEnumerable<string>> edges)
    {
        // Tarjan's algorithm over the folder graph.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<List<string>>();
        var next = 0;

        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var to in edges.TryGetValue(node, out var targets) ? targets : [])
            {
                if (!index.ContainsKey(to))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (onStack.Contains(to))
                {
                    low[node] = Math.Min(low[node], index[to]);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    found.Add(component);
                }
            }
        }

        foreach (var node in edges.Keys.Concat(edges.Values.SelectMany(v => v)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return found;
    }

    /// <summary>The folder of <paramref name="type"/>'s file, or null for a helper the compiler or a source generator emitted on its own.</summary>
    private string? FolderOf(TypeDefinition type)
    {
        var outer = Outermost(type);
        var name = outer.Name.Split('`')[0];
        if (filesByType.TryGetValue(name, out var folder))
        {
            return folder;
        }

        var documents = outer.Methods.Concat(outer.NestedTypes.SelectMany(n => n.Methods))
            .Where(m => m.DebugInformation.HasSequencePoints)
            .SelectMany(m => m.DebugInformation.SequencePoints)
            .Select(p => p.Document.Url)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var document = documents.FirstOrDefault(url => Path.GetFullPath(url).StartsWith(Path.GetFullPath(sourceRoot), StringComparison.Ordinal)
            && !url.Contains("/obj/", StringComparison.Ordinal));
        if (document is not null)
        {
            return Path.GetDirectoryName(Path.GetRelativePath(sourceRoot, document))!.Replace('\\', '/');
        }

        if (outer.Name.StartsWith('<') || (documents.Count > 0 && documents.All(url => url.Contains("/obj/", StringComparison.Ordinal))))
        {
            return null;
        }

        // A type without code of its own (a delegate, an interface declared beside the type that uses it): its
        // namespace is its folder.
        var byNamespace = outer.Namespace.StartsWith("Config.Providers.", StringComparison.Ordinal) ? outer.Namespace["Config.Providers.".Length..].Replace('.', '/') : null;
        return byNamespace is not null && Directory.Exists(Path.Combine(sourceRoot, byNamespace))
            ? byNamespace
            : throw new InvalidOperationException($"{outer.FullName}: no file {name}.cs and no source document: cannot place it in a folder");
    }

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    /// <summary>The library's own types that <paramref name="type"/> (with its nested types) names anywhere.</summary>
    private static IEnumerable<TypeDefinition> References(TypeDefinition type)
    {
        var named = new List<TypeReference?>();
        void Add(TypeDefinition t)
        {
            named.Add(t.BaseType);
            named.AddRange(t.Interfaces.Select(i => i.InterfaceType));
            named.AddRange(t.CustomAttributes.Select(a => a.AttributeType));
            named.AddRange(t.GenericParameters.SelectMany(g => g.Constraints.Select(c => c.ConstraintType)));
            named.AddRange(t.Fields.Select(f => f.FieldType));
            named.AddRange(t.Fields.SelectMany(f => f.CustomAttributes.Select(a => a.AttributeType)));
            named.AddRange(t.Properties.Select(p => p.PropertyType));
            named.AddRange(t.Properties.SelectMany(p => p.CustomAttributes.Select(a => a.AttributeType)));
            named.AddRange(t.Events.Select(e => e.EventType));
            foreach (var method in t.Methods)
            {
                named.Add(method.ReturnType);
                named.AddRange(method.Parameters.Select(p => p.ParameterType));
                named.AddRange(method.CustomAttributes.Select(a => a.AttributeType));
                named.AddRange(method.GenericParameters.SelectMany(g => g.Constraints.Select(c => c.ConstraintType)));
                if (!method.HasBody)
                {
                    continue;
                }

                named.AddRange(method.Body.Variables.Select(v => v.VariableType));
                foreach (var instruction in method.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case TypeReference t2:
                            named.Add(t2);
                            break;
                        case MethodReference m:
                            named.Add(m.DeclaringType);
                            named.Add(m.ReturnType);
                            named.AddRange(m.Parameters.Select(p => p.ParameterType));
                            if (m is GenericInstanceMethod g)
                            {
                                named.AddRange(g.GenericArguments);
                            }

                            break;
                        case FieldReference f:
                            named.Add(f.DeclaringType);
                            named.Add(f.FieldType);
                            break;
                    }
                }
            }

            foreach (var nested in t.NestedTypes)
            {
                Add(nested);
            }
        }

        Add(type);
        foreach (var reference in named.SelectMany(Expand))
        {
            // The library's own types come as definitions, or as references scoped to its module; anything scoped to
            // another assembly is not ours and is never resolved.
            if (reference is TypeDefinition definition)
            {
                yield return definition;
            }
            else if (reference.Scope is ModuleDefinition && reference.Resolve() is { } resolved)
            {
                yield return resolved;
            }
        }
    }

    /// <summary>A type reference with its element and generic argument types (arrays, by-ref, <c>List&lt;T&gt;</c>).</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference? reference)
    {
        if (reference is null || reference is GenericParameter)
        {
            yield break;
        }

        if (reference is TypeSpecification specification)
        {
            foreach (var inner in Expand(specification.ElementType))
            {
                yield return inner;
            }

            if (reference is GenericInstanceType generic)
            {
                foreach (var argument in generic.GenericArguments.SelectMany(Expand))
                {
                    yield return argument;
                }
            }

            yield break;
        }

        yield return reference;
    }
}

using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Config.Providers.Generators;

/// <summary>
/// The trim and AOT analyzers look at the method a call names, not at the interceptor the compiler puts in its
/// place, so they warn (IL2026, IL3050) about every <c>AddSettings&lt;T&gt;</c> call even where
/// <see cref="SettingsGenerator"/> replaced it. This suppresses exactly those warnings, on exactly the calls the
/// generator replaces; a call left to reflection keeps its warning.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InterceptedCallSuppressor : DiagnosticSuppressor
{
    private static readonly SuppressionDescriptor Unreferenced = new("CPSSPR2026", "IL2026", "AddSettings<T> is replaced by generated code that uses no reflection");
    private static readonly SuppressionDescriptor Dynamic = new("CPSSPR3050", "IL3050", "AddSettings<T> is replaced by generated code that needs no dynamic code");

    /// <inheritdoc />
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions => ImmutableArray.Create(Unreferenced, Dynamic);

    /// <inheritdoc />
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        if (!SettingsGenerator.IsEnabled(context.Options.AnalyzerConfigOptionsProvider.GlobalOptions))
        {
            return;
        }

        ShapeClassifier? classifier = null;
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            var tree = diagnostic.Location.SourceTree;
            if (tree is null)
            {
                continue;
            }

            var span = diagnostic.Location.SourceSpan;
            var node = tree.GetRoot(context.CancellationToken).FindNode(span, getInnermostNodeForTie: true);
            // The analyzers point at the call's name or at the whole call, depending on their version.
            var invocation = node.AncestorsAndSelf().Concat(node.DescendantNodes()).OfType<InvocationExpressionSyntax>().FirstOrDefault(SettingsCall.IsCandidate);
            if (invocation is null)
            {
                continue;
            }

            var model = context.GetSemanticModel(tree);
            if (model.Compilation is Microsoft.CodeAnalysis.CSharp.CSharpCompilation { LanguageVersion: < Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp12 })
            {
                // Not replaced (see SettingsGenerator): the warning stands.
                continue;
            }

            var call = SettingsCall.From(invocation, model, context.CancellationToken);
            classifier ??= new ShapeClassifier(model.Compilation);
            if (call is not null && classifier.FindProblem(call.Type) is null)
            {
                context.ReportSuppression(Suppression.Create(string.Equals(diagnostic.Id, "IL2026", StringComparison.Ordinal) ? Unreferenced : Dynamic, diagnostic));
            }
        }
    }
}

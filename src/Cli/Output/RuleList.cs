using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Rules;

namespace RunTasks.Cli.Output;

/// <summary>The rules a report speaks of: those the applicable sets ran, and any id a finding carries, each described once.</summary>
internal static class RuleList
{
    public static List<RuleDescriptor> For(AnalysisReport report, IEnumerable<string> enabledRules)
    {
        var ids = enabledRules.Concat(report.Findings.Select(f => f.RuleId)).Distinct(StringComparer.Ordinal);
        return ids.Select(id => RuleCatalog.Find(id) ?? Custom(id, report)).ToList();
    }

    // Custom rules are described by the policy set's own text, which their findings carry.
    private static RuleDescriptor Custom(string id, AnalysisReport report)
    {
        var first = report.Findings.FirstOrDefault(f => f.RuleId == id);
        return new RuleDescriptor(id, $"Custom rule {id}", $"Custom rule {id} from the policy set.", first?.Severity ?? Severity.Error);
    }
}

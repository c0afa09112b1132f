using RunTasks.Analysis;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Details;

/// <summary>Keeps what the details page needs from an analysis report, errors first, within <see cref="VerdictDetails.MaxFindings"/>.</summary>
public static class VerdictDetailsFactory
{
    public static VerdictDetails From(AnalysisReport report, IEnumerable<string> policySets)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Summary;
        var plan = new PlanCounts(s.Create, s.Update, s.Replace, s.Delete, s.Read, [.. s.Deletions], [.. s.Replacements], s.TerraformVersion, s.Errored);
        var kept = report.Findings
            .OrderByDescending(f => f.Severity)
            .Take(VerdictDetails.MaxFindings)
            .Select(ToDetail)
            .ToList();
        return new VerdictDetails(plan, kept, [.. policySets], report.Findings.Count - kept.Count);
    }

    private static FindingDetail ToDetail(Finding finding) => new(
        finding.RuleId,
        finding.Severity switch
        {
            Severity.Error => FindingSeverity.Error,
            Severity.Warning => FindingSeverity.Warning,
            _ => FindingSeverity.Info,
        },
        finding.Address,
        finding.Description,
        finding.MarkdownBody.Length <= VerdictDetails.MaxBody ? finding.MarkdownBody : finding.MarkdownBody[..VerdictDetails.MaxBody],
        Waiver: FindingDetails.WaiverOf(finding));
}

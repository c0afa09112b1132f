using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Engine;

/// <summary>
/// One problem found in a plan. Description is one line (at most 1000 chars); MarkdownBody at most 10,000 chars, with
/// sensitive values masked and plan-derived text escaped; Parts is the same body as data (null for findings built elsewhere).
/// WaivedBy is the live waiver that accepts this finding: it is still reported, with its severity, but fails no run.
/// </summary>
public sealed record Finding(string RuleId, Severity Severity, string Address, string Description, string MarkdownBody, FindingParts? Parts = null, Waiver? WaivedBy = null)
{
    /// <summary>True when a live waiver accepts this finding.</summary>
    public bool Waived => WaivedBy is not null;
}

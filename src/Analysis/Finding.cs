namespace RunTasks.Analysis;

/// <summary>
/// One problem found in a plan. Description is one line (at most 1000 chars); MarkdownBody at most 10,000 chars, with
/// sensitive values masked and plan-derived text escaped; Parts is the same body as data (null for findings built elsewhere).
/// </summary>
public sealed record Finding(string RuleId, Severity Severity, string Address, string Description, string MarkdownBody, FindingParts? Parts = null);

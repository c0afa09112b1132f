namespace RunTasks.Analysis.Engine;

/// <summary>Where a plan comes from; policy sets are selected by it. Stage is pre_plan, post_plan, pre_apply or post_apply.</summary>
public sealed record EvaluationScope(string? Organization, string? Project, string? Workspace, string Stage);

namespace RunTasks.Analysis.Engine;

/// <summary>
/// A finding's body as data, for renderers that build their own layout (the details page) instead of reading markdown.
/// Action, Attribute, Before and After are plain text from the plan (sensitive values already masked); Why, Fix and
/// Notes are the rule's or policy author's markdown, with any plan-derived text in them already escaped.
/// </summary>
public sealed record FindingParts(string? Action, string? Attribute, string? Before, string? After, string Why, string Fix, string? Notes);

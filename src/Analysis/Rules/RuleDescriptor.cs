using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Rules;

/// <summary>What a rule checks, for reports that describe rules apart from their findings (SARIF, JUnit).</summary>
public sealed record RuleDescriptor(string Id, string Title, string Description, Severity DefaultSeverity);

namespace RunTasks.Analysis.Configuration;

/// <summary>An HCL block: <c>type "label" … { body }</c>, with the 1-based line of its type keyword.</summary>
internal sealed record HclBlock(string Type, IReadOnlyList<string> Labels, HclBody Body, int Line);

namespace RunTasks.Analysis.Configuration;

/// <summary>An HCL attribute (<c>name = value</c>) or an object constructor item, with the 1-based line of its name.</summary>
internal sealed record HclAttribute(string Name, HclExpression Value, int Line);

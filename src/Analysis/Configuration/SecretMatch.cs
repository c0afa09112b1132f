namespace RunTasks.Analysis.Configuration;

/// <summary>A credential found in text: what kind, and where the value starts and how long it is.</summary>
internal readonly record struct SecretMatch(string Kind, int Index, int Length);

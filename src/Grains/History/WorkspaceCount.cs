namespace RunTasks.Grains.History;

/// <summary>A workspace in a summary: its failed runs out of all its runs in the period.</summary>
public sealed record WorkspaceCount(string? Organization, string? Workspace, int Failed, int Runs);

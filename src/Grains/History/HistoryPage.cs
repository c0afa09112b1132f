namespace RunTasks.Grains.History;

/// <summary>One page of a list; <see cref="NextCursor"/> fetches the next, null when this is the last.</summary>
public sealed record HistoryPage<T>(IReadOnlyList<T> Items, string? NextCursor);

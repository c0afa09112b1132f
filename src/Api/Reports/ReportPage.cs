namespace RunTasks.Api.Reports;

/// <summary>A page of the history API: the items, and the cursor (and the link) of the next page, null on the last.</summary>
public sealed record ReportPage<T>(IReadOnlyList<T> Data, string? NextCursor, string? Next);

namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>Everything the details page shows: the snapshot, the request's display fields and the verdict's details. Never the token.</summary>
[GenerateSerializer, Alias("runtasks.TaskResultDetails")]
public sealed record TaskResultDetails(
    [property: Id(0)] TaskResultSnapshot Snapshot,
    [property: Id(1)] string? OrganizationName,
    [property: Id(2)] string? ProjectName,
    [property: Id(3)] string? WorkspaceName,
    [property: Id(4)] string? RunId,
    [property: Id(5)] string? RunAppUrl,
    [property: Id(6)] string? WorkspaceAppUrl,
    [property: Id(7)] string? EnforcementLevel,
    [property: Id(8)] bool IsSpeculative,
    [property: Id(9)] VerdictDetails? Verdict);

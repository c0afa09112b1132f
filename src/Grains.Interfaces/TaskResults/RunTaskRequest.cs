namespace RunTasks.TaskResults;

/// <summary>The parts of a run task request that the lifecycle needs, already validated by the front end.</summary>
[GenerateSerializer, Alias("runtasks.RunTaskRequest")]
public sealed record RunTaskRequest(
    [property: Id(0)] string TaskResultId,
    [property: Id(1)] string Stage,
    [property: Id(2)] string CallbackUrl,
    [property: Id(3)] string? PlanJsonUrl,
    [property: Id(4)] AccessToken AccessToken,
    [property: Id(5)] bool OutcomesSupported,
    [property: Id(6)] string? OrganizationName,
    [property: Id(7)] string? ProjectName,
    [property: Id(8)] string? WorkspaceName,
    [property: Id(9)] string? RunId,
    [property: Id(10)] string? EnforcementLevel,
    [property: Id(11)] bool IsSpeculative,
    [property: Id(12)] string? RunAppUrl = null,
    [property: Id(13)] string? WorkspaceAppUrl = null);

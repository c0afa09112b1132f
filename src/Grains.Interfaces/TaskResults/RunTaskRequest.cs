using System.Text.Json.Serialization;

namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>The parts of a run task request that the lifecycle needs, already validated by the front end.</summary>
[GenerateSerializer, Alias("runtasks.RunTaskRequest")]
public sealed record RunTaskRequest(
    [property: Id(0), JsonPropertyName("TaskResultId")] string TaskResultId,
    [property: Id(1), JsonPropertyName("Stage")] string Stage,
    [property: Id(2), JsonPropertyName("CallbackUrl")] string CallbackUrl,
    [property: Id(3), JsonPropertyName("PlanJsonUrl")] string? PlanJsonUrl,
    [property: Id(4), JsonPropertyName("AccessToken")] AccessToken AccessToken,
    [property: Id(5), JsonPropertyName("OutcomesSupported")] bool OutcomesSupported,
    [property: Id(6), JsonPropertyName("OrganizationName")] string? OrganizationName,
    [property: Id(7), JsonPropertyName("ProjectName")] string? ProjectName,
    [property: Id(8), JsonPropertyName("WorkspaceName")] string? WorkspaceName,
    [property: Id(9), JsonPropertyName("RunId")] string? RunId,
    [property: Id(10), JsonPropertyName("EnforcementLevel")] string? EnforcementLevel,
    [property: Id(11), JsonPropertyName("IsSpeculative")] bool IsSpeculative,
    [property: Id(12), JsonPropertyName("RunAppUrl")] string? RunAppUrl = null,
    [property: Id(13), JsonPropertyName("WorkspaceAppUrl")] string? WorkspaceAppUrl = null,
    [property: Id(14), JsonPropertyName("ConfigurationVersionDownloadUrl")] string? ConfigurationVersionDownloadUrl = null,
    [property: Id(15), JsonPropertyName("ConfigurationVersionId")] string? ConfigurationVersionId = null,
    [property: Id(16), JsonPropertyName("WorkspaceWorkingDirectory")] string? WorkspaceWorkingDirectory = null,
    [property: Id(17), JsonPropertyName("ReceivedAt")] DateTimeOffset? ReceivedAt = null,
    [property: Id(18), JsonPropertyName("VcsPullRequestUrl")] string? VcsPullRequestUrl = null,
    [property: Id(19), JsonPropertyName("VcsRepoUrl")] string? VcsRepoUrl = null,
    [property: Id(20), JsonPropertyName("VcsBranch")] string? VcsBranch = null,
    [property: Id(21), JsonPropertyName("VcsCommitHash")] string? VcsCommitHash = null,
    [property: Id(22), JsonPropertyName("VcsCommitUrl")] string? VcsCommitUrl = null);

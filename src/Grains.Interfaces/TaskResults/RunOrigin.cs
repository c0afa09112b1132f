using System.Text.Json.Serialization;

namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>
/// Where a run came from, as HCP Terraform describes it (informational fields, kept for the history): the workspace
/// id, the VCS fields (null without a VCS repository) and who started the run with which message (capped at
/// <see cref="MaxRunMessage"/> characters).
/// </summary>
[GenerateSerializer, Alias("runtasks.RunOrigin")]
public sealed record RunOrigin(
    [property: Id(0), JsonPropertyName("WorkspaceId")] string? WorkspaceId,
    [property: Id(1), JsonPropertyName("VcsRepoUrl")] string? VcsRepoUrl,
    [property: Id(2), JsonPropertyName("VcsBranch")] string? VcsBranch,
    [property: Id(3), JsonPropertyName("VcsCommitHash")] string? VcsCommitHash,
    [property: Id(4), JsonPropertyName("VcsCommitUrl")] string? VcsCommitUrl,
    [property: Id(5), JsonPropertyName("VcsPullRequestUrl")] string? VcsPullRequestUrl,
    [property: Id(6), JsonPropertyName("RunCreatedBy")] string? RunCreatedBy,
    [property: Id(7), JsonPropertyName("RunMessage")] string? RunMessage)
{
    public const int MaxRunMessage = 500;
}

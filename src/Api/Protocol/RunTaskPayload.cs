namespace RunTasks.Api.Protocol;

/// <summary>
/// The fields of HCP Terraform's run task body (payload_version 1) that RunTasks uses. Every other field is ignored
/// whatever its JSON type: fields come and go across HCP Terraform and Terraform Enterprise versions.
/// </summary>
public sealed record RunTaskPayload(
    string? AccessToken,
    string? TaskResultId,
    string? TaskResultCallbackUrl,
    string? PlanJsonApiUrl,
    string? Stage,
    bool OutcomesSupported,
    bool IsSpeculative,
    string? OrganizationName,
    string? ProjectName,
    string? WorkspaceName,
    string? RunId,
    string? TaskResultEnforcementLevel,
    string? RunAppUrl,
    string? WorkspaceAppUrl,
    string? ConfigurationVersionDownloadUrl = null,
    string? ConfigurationVersionId = null,
    string? WorkspaceWorkingDirectory = null,
    string? VcsPullRequestUrl = null,
    string? VcsRepoUrl = null,
    string? VcsBranch = null,
    string? VcsCommitHash = null,
    string? VcsCommitUrl = null);

namespace RunTasks.Protocol;

/// <summary>
/// The JSON body HCP Terraform POSTs (payload_version 1). Every field is optional: fields come and go across
/// HCP Terraform and Terraform Enterprise versions, and unknown ones are ignored.
/// </summary>
public sealed class RunTaskPayload
{
    public int? PayloadVersion { get; set; }
    public string? Stage { get; set; }
    public string? AccessToken { get; set; }
    public RunTaskCapabilities? Capabilities { get; set; }
    public string? ConfigurationVersionDownloadUrl { get; set; }
    public string? ConfigurationVersionId { get; set; }
    public bool? IsSpeculative { get; set; }
    public string? OrganizationName { get; set; }
    public string? PlanJsonApiUrl { get; set; }
    public string? RunAppUrl { get; set; }
    public string? RunCreatedAt { get; set; }
    public string? RunCreatedBy { get; set; }
    public string? RunId { get; set; }
    public string? RunMessage { get; set; }
    public string? TaskResultCallbackUrl { get; set; }
    public string? TaskResultEnforcementLevel { get; set; }
    public string? TaskResultId { get; set; }
    public string? VcsBranch { get; set; }
    public string? VcsCommitUrl { get; set; }
    public string? VcsCommitHash { get; set; }
    public string? VcsPullRequestUrl { get; set; }
    public string? VcsRepoUrl { get; set; }
    public string? WorkspaceAppUrl { get; set; }
    public string? WorkspaceId { get; set; }
    public string? WorkspaceName { get; set; }
    public string? WorkspaceWorkingDirectory { get; set; }
    public string? ProjectId { get; set; }
    public string? ProjectName { get; set; }
}

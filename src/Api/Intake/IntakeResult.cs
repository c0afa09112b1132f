namespace RunTasks.Api.Intake;

/// <summary>What became of a valid run task request: 200 for the first two, 503 (HCP Terraform retries) for the last.</summary>
public enum IntakeResult
{
    Accepted = 0,
    Duplicate = 1,
    Unavailable = 2,
}

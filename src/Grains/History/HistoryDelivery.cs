namespace RunTasks.Grains.History;

/// <summary>How the final status reached HCP Terraform: accepted, already final there (409), rejected for good, or never (the total deadline passed).</summary>
public enum HistoryDelivery
{
    Accepted = 0,
    AlreadyFinal = 1,
    Rejected = 2,
    Expired = 3,
}

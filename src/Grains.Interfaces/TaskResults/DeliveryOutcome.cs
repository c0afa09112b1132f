namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>How the final callback ended.</summary>
[GenerateSerializer, Alias("runtasks.DeliveryOutcome")]
public enum DeliveryOutcome
{
    Pending = 0,
    /// <summary>HCP Terraform accepted the final status (2xx), or said it was already final (409).</summary>
    Delivered = 1,
    /// <summary>HCP Terraform refused it for good (401, 404, 422, other 4xx).</summary>
    Rejected = 2,
    /// <summary>The total deadline passed before any attempt was accepted.</summary>
    Expired = 3,
}

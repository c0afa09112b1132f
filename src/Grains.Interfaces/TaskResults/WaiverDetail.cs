namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>
/// The waiver that accepted a finding, as the details page shows it: every text is the policy author's (plain text).
/// Expires is the expiry for people, e.g. "2027-03-31 (end of day, UTC)".
/// </summary>
[GenerateSerializer, Alias("runtasks.WaiverDetail")]
public sealed record WaiverDetail(
    [property: Id(0)] string Id,
    [property: Id(1)] string Reason,
    [property: Id(2)] string Owner,
    [property: Id(3)] string ApprovedBy,
    [property: Id(4)] string? Ticket,
    [property: Id(5)] string Expires);

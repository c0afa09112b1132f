using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Notifications;

/// <summary>A finding's identity across runs: the rule and the resource address.</summary>
public sealed record FindingKey(string RuleId, string Address)
{
    public static FindingKey Of(FindingDetail finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new(finding.RuleId, finding.Address);
    }
}

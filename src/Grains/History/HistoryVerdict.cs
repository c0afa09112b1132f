namespace RunTasks.Grains.History;

/// <summary>
/// How a recorded run ended, three ways that never overlap: Errored when RunTasks gave a verdict without judging the
/// plan (download failure, watchdog, internal error), whatever status HCP Terraform was sent; otherwise the status.
/// </summary>
public enum HistoryVerdict
{
    Passed = 0,
    Failed = 1,
    Errored = 2,
}

namespace RunTasks.Grains.Callbacks;

/// <summary>The statuses HCP Terraform accepts on a callback; anything else is a 422.</summary>
public static class CallbackStatus
{
    public const string Running = "running";
    public const string Passed = "passed";
    public const string Failed = "failed";
}

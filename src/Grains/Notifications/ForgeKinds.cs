namespace RunTasks.Grains.Notifications;

/// <summary>The forges a pull request comment can go to (also the <c>kind</c> label of the notification metric).</summary>
public static class ForgeKinds
{
    public const string GitHub = "github";
    public const string GitLab = "gitlab";
}

namespace RunTasks.Grains.Notifications;

/// <summary>One <c>RunTasks:Notifications:Routes</c> entry: which runs, under which condition, go where.</summary>
public sealed class NotificationRoute
{
    public const string Slack = "slack";
    public const string Teams = "teams";
    public const string Webhook = "webhook";

    public const string WhenFailed = "failed";
    public const string WhenMandatoryFailed = "mandatory_failed";
    public const string WhenAlways = "always";

    /// <summary><c>slack</c> (incoming webhook), <c>teams</c> (workflow webhook) or <c>webhook</c> (generic JSON).</summary>
    public string Kind { get; set; } = "";

    /// <summary>Where to POST; a secret in itself for Slack and Teams, so it is never logged.</summary>
    public string Url { get; set; } = "";

    /// <summary>For <c>webhook</c>: the HMAC-SHA256 key of the <c>X-RunTasks-Signature</c> header.</summary>
    public string? Secret { get; set; }

    /// <summary>Organisation name globs; empty means any.</summary>
    public string[] Organizations { get; set; } = [];

    public string[] Projects { get; set; } = [];

    public string[] Workspaces { get; set; } = [];

    /// <summary><c>failed</c> (default), <c>mandatory_failed</c> (failed with enforcement level mandatory) or <c>always</c>.</summary>
    public string When { get; set; } = WhenFailed;
}

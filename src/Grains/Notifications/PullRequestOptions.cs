namespace RunTasks.Grains.Notifications;

/// <summary><c>RunTasks:PullRequests</c>: when the pull request comment is written, and where never.</summary>
public sealed class PullRequestOptions
{
    public const string Always = "always";
    public const string FailedOrChanged = "failed_or_changed";
    public const string Off = "off";

    /// <summary><c>always</c>, <c>failed_or_changed</c> (a failed verdict, or a verdict or findings that differ from the comment's) or <c>off</c>.</summary>
    public string Comment { get; set; } = FailedOrChanged;

    /// <summary>
    /// Globs over <c>organization/project/workspace</c> (<c>*</c> within a name, <c>?</c> one character) whose runs never
    /// get a comment, e.g. <c>acme/Sandbox/*</c>.
    /// </summary>
    public string[] Exclude { get; set; } = [];
}

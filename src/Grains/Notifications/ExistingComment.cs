namespace RunTasks.Grains.Notifications;

/// <summary>A comment already on the pull request: its id on the forge and its text.</summary>
public sealed record ExistingComment(long Id, string Body);

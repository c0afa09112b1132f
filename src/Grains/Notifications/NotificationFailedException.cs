namespace RunTasks.Grains.Notifications;

/// <summary>A forge, chat or webhook answered something other than success; <see cref="Result"/> says whether to retry.</summary>
public sealed class NotificationFailedException : Exception
{
    public NotificationFailedException() : this(NotificationResult.Rejected("failed")) { }

    public NotificationFailedException(string message) : this(NotificationResult.Rejected(message)) { }

    public NotificationFailedException(string message, Exception inner) : base(message, inner) => Result = NotificationResult.Rejected(message);

    public NotificationFailedException(NotificationResult result) : base(result?.Detail) => Result = result!;

    public NotificationResult Result { get; }
}

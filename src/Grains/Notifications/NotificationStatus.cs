namespace RunTasks.Grains.Notifications;

/// <summary>Where one notification of a task result stands.</summary>
[GenerateSerializer, Alias("runtasks.NotificationStatus")]
public enum NotificationStatus
{
    /// <summary>Due at <see cref="NotificationDelivery.NextAt"/>.</summary>
    Pending = 0,
    /// <summary>Handed to the sender (recorded before it was); its answer carries <see cref="NotificationDelivery.Token"/>.</summary>
    Sending = 1,
    Sent = 2,
    /// <summary>Nothing to say (unchanged comment, passed without an earlier comment, a later run already commented).</summary>
    Skipped = 3,
    /// <summary>Given up: refused, out of attempts, or in doubt after a crash (never sent twice).</summary>
    Failed = 4,
}

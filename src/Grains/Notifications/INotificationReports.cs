namespace RunTasks.Grains.Notifications;

/// <summary>How the notification sender reports an attempt back to the task result's grain, with the attempt's token.</summary>
[Alias("runtasks.INotificationReports")]
public interface INotificationReports : IGrainWithStringKey
{
    [Alias("ReportNotification")]
    Task ReportNotification(string target, string sendToken, NotificationResult result);
}

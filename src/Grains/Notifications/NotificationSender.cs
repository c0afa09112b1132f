using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RunTasks.Grains.Notifications;

/// <summary>
/// Sends notifications on the thread pool, off the grain's turn, and reports each answer back to the grain with the
/// send's token: a slow or failing forge delays its own comment, never the HCP Terraform callback nor any grain.
/// </summary>
public sealed partial class NotificationSender(
    PullRequestCommenter comments,
    RouteClient routes,
    IGrainFactory grains,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationSender> logger) : IDisposable
{
    private const int MaxReportRetrySeconds = 10;

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The most one send may take: a comment is a few requests (find, write, check for a twin).</summary>
    public static TimeSpan SendLimit(RouteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AttemptTimeout * 4;
    }

    /// <summary>Sends one notification; the answer goes to the grain as a call, and the returned task completes with it too.</summary>
    public Task<NotificationResult> Send(string taskResultId, NotificationDelivery delivery, NotificationSubject subject)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var send = Task.Run(() => SendAsync(delivery, subject));
        _ = send.ContinueWith(t => ReportAsync(taskResultId, delivery.Target, delivery.Token!, t.Result), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();
        return send;
    }

    private async Task<NotificationResult> SendAsync(NotificationDelivery delivery, NotificationSubject subject)
    {
        using var limit = new CancellationTokenSource(SendLimit(options.Value.Notifications), time);
        using var stopping = _stopping.Token.Register(static c => ((CancellationTokenSource)c!).Cancel(), limit);
        try
        {
            return delivery.Target == NotificationDelivery.PullRequest
                ? await comments.SendAsync(subject, limit.Token)
                : await routes.SendAsync(delivery.Target, delivery.Fingerprint, subject, limit.Token);
        }
        catch (NotificationFailedException e)
        {
            return e.Result;
        }
        catch (OperationCanceledException)
        {
            return NotificationResult.Transient("timed out");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException)
        {
            return NotificationResult.Transient($"network error: {e.GetType().Name}");
        }
        catch (Exception e)
        {
            // An answer we could not read (not the JSON the forge documents): worth another try, bounded by MaxAttempts.
            LogUnexpected(logger, e.GetType().Name, delivery.Kind);
            return NotificationResult.Transient($"unexpected answer: {e.GetType().Name}");
        }
    }

    /// <summary>Hands the answer to the grain, retrying while it is unreachable; a grain activated elsewhere ignores it (token void).</summary>
    private async Task ReportAsync(string taskResultId, string target, string token, NotificationResult result)
    {
        var grain = grains.GetGrain<INotificationReports>(taskResultId);
        for (var attempt = 1; !_stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await grain.ReportNotification(target, token, result);
                return;
            }
            catch (Exception e)
            {
                LogReportRetry(logger, e, taskResultId, attempt);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, MaxReportRetrySeconds)), time, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task result {TaskResultId}: notification answer not handed over (attempt {Attempt}); retrying")]
    private static partial void LogReportRetry(ILogger logger, Exception exception, string taskResultId, int attempt);

    // The exception's message may quote the answer or the URL: only its type is logged.
    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} notification failed unexpectedly: {ExceptionType}")]
    private static partial void LogUnexpected(ILogger logger, string exceptionType, string kind);
}

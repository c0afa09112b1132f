using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Lifecycle;
using RunTasks.Grains.Outbound;

namespace RunTasks.Grains.Callbacks;

/// <summary>
/// Sends callbacks on the thread pool, off the grain's turn, and reports each answer back to the grain: a host that
/// makes requests wait (429, a rate-limit window) delays the callback, never the grain.
/// </summary>
public sealed partial class CallbackSender(
    CallbackClient client,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<CallbackSender> logger) : IDisposable
{
    private const int MaxReportRetrySeconds = 10;

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _sending = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// Sends <paramref name="document"/>; a wait for the host's turn ends at <paramref name="giveUpAt"/>. The answer goes
    /// to the grain as a call; the returned task also completes with it (for a grain that stops meanwhile).
    /// </summary>
    public Task<CallbackResult> Send(RunTaskRequest request, byte[] document, OutboundPriority priority, DateTimeOffset giveUpAt, string sendToken)
    {
        var wait = giveUpAt - time.GetUtcNow();
        var cancel = new CancellationTokenSource(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time);
        if (_sending.TryRemove(request.TaskResultId, out var previous))
        {
            previous.Cancel(); // the grain forgot it (a restart): its answer will not count anyway
        }

        _sending[request.TaskResultId] = cancel;
        var send = Task.Run(() => SendAsync(request, document, priority, cancel));
        _ = send.ContinueWith(t => ReportAsync(request.TaskResultId, sendToken, t.Result), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();
        return send;
    }

    /// <summary>Calls off the callback on its way for this task result (a final status replaces a progress update).</summary>
    public void Cancel(string taskResultId)
    {
        if (_sending.TryGetValue(taskResultId, out var cancel))
        {
            try
            {
                cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It just finished; its answer is on the way.
            }
        }
    }

    private async Task<CallbackResult> SendAsync(RunTaskRequest request, byte[] document, OutboundPriority priority, CancellationTokenSource cancel)
    {
        try
        {
            using var stopping = _stopping.Token.Register(static c => ((CancellationTokenSource)c!).Cancel(), cancel);
            return await client.SendAsync(request, document, priority, cancel.Token);
        }
        catch (Exception e)
        {
            // Whatever happened, the grain must hear of it, or it would wait for this answer until the send's limit.
            return new CallbackResult(CallbackResultKind.Transient, null, $"not sent: {e.GetType().Name}");
        }
        finally
        {
            _sending.TryRemove(new KeyValuePair<string, CancellationTokenSource>(request.TaskResultId, cancel));
            cancel.Dispose();
        }
    }

    /// <summary>
    /// Hands the answer to the grain. A call fails only while the grain is unreachable; a grain activated again elsewhere
    /// no longer waits for this answer (its token is void), so retrying is safe and stops with the silo.
    /// </summary>
    private async Task ReportAsync(string taskResultId, string sendToken, CallbackResult result)
    {
        var grain = grains.GetGrain<ITaskResultReports>(taskResultId);
        for (var attempt = 1; !_stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await grain.ReportCallback(sendToken, result);
                return;
            }
            catch (Exception e)
            {
                LogReportRetry(logger, e, taskResultId, attempt);
                var wait = TimeSpan.FromSeconds(Math.Min(attempt, MaxReportRetrySeconds));
                try
                {
                    await Task.Delay(wait, time, _stopping.Token);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task result {TaskResultId}: callback answer not handed over (attempt {Attempt}); retrying")]
    private static partial void LogReportRetry(ILogger logger, Exception exception, string taskResultId, int attempt);
}

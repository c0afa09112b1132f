using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunTasks.Grains.Callbacks;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Details;
using RunTasks.Grains.History;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Notifications;
using RunTasks.Grains.Outbound;
using RunTasks.Grains.Plans;
using RunTasks.Grains.Security;
using RunTasks.Grains.Telemetry;

namespace RunTasks.Grains.Lifecycle;

/// <summary>
/// Owns one task result. Every decision is <see cref="TaskResultLifecycle"/>'s; the grain performs the effects: it
/// loads and saves the state, starts plan checks, sends callbacks, and sets a one-shot timer for the next due time.
/// A reminder wakes it after a crash; decisions come from persisted timestamps, so missed ticks lose nothing.
/// No turn waits on the network: plan checks and callbacks run on silo-local workers that report back through
/// <see cref="ITaskResultReports"/>, so every call is answered in milliseconds whatever HCP Terraform is doing.
/// </summary>
public sealed partial class TaskResultGrain(
    [PersistentState("task", StorageNames.TaskResults)] IPersistentState<TaskResultState> state,
    CallbackSender callbacks,
    PlanCheckRunner checks,
    AccessTokenProtector tokens,
    DetailsLinkSigner links,
    RunTasksMetrics metrics,
    NotificationDispatch notifications,
    IOptions<RunTasksOptions> options,
    TimeProvider time,
    ILogger<TaskResultGrain> logger,
    HistoryRecorder history) : Grain, ITaskResultGrain, ITaskResultReports, IRemindable
{
    private const string ReminderName = "deadline";

    private readonly RunTasksOptions _options = options.Value;
    private readonly TaskResultLifecycle _lifecycle = new(options.Value);
    private IGrainTimer? _wakeUp;
    // The request with its token in clear; the stored copy holds the token encrypted.
    private RunTaskRequest? _request;
    // Whether this task result's end has been reported (logged, checks cancelled); results loaded finished already were.
    private bool _ended;
    private long _savedRevision;
    // The callback on its way, as the sender runs it (see SettleFinalAsync).
    private Task<CallbackResult>? _inFlight;
    private static readonly TimeSpan FinalSettleTime = TimeSpan.FromSeconds(5);
    // The first delivery's store, which concurrent duplicates wait for.
    private Task? _storing;

    private TaskResultState S => state.State;
    private DateTimeOffset Now => time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Request is null)
        {
            return;
        }

        // A finished result keeps no token (see TaskResultLifecycle.Complete): nothing to decrypt.
        _request = S.Phase == TaskPhase.Done ? S.Request : tokens.Unprotect(S.Request);
        _ended = S.Phase == TaskPhase.Done;
        _savedRevision = S.Revision;
        TaskResultLifecycle.Resume(S);
        ResumeNotifications();
        if (S.Phase == TaskPhase.Done)
        {
            history.Offer(S); // recorded already unless the silo died before its writer did: the store skips a known result
            if (NotificationLifecycle.NextDue(S) is not null)
            {
                WakeUpAt(Now); // notifications outstanding: the result retires once they are done
            }

            return;
        }

        metrics.InFlightUp();
        WakeUpAt(Now);
        await EnsureReminderAsync();
    }

    /// <summary>
    /// A result stored without its reminder (the silo died, or the reminder service refused, between the two writes of
    /// Submit) would be stranded by the next deactivation; the activation that finds it unfinished registers it.
    /// </summary>
    private async Task EnsureReminderAsync()
    {
        try
        {
            if (await this.GetReminder(ReminderName) is null)
            {
                await RegisterDeadlineReminderAsync();
            }
        }
        catch (Exception e)
        {
            // This activation's timer still drives the work; the next activation tries again.
            LogReminderFailed(logger, e, S.Request!.TaskResultId);
        }
    }

    /// <summary>The reminder that wakes an unfinished task result after a crash, wherever it is activated next.</summary>
    private Task<IGrainReminder> RegisterDeadlineReminderAsync() =>
        this.RegisterOrUpdateReminder(ReminderName, _options.Deadlines.Reminder, _options.Deadlines.Reminder);

    /// <summary>On a graceful shutdown, what is known is saved; the reminder resumes the work on another silo.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        checks.Cancel(this.GetPrimaryKeyString());
        await SettleFinalAsync(cancellationToken);
        callbacks.Cancel(this.GetPrimaryKeyString());
        await SettleNotificationsAsync(cancellationToken);
        if (S.Request is not null && S.Phase != TaskPhase.Done)
        {
            metrics.InFlightDown(); // it continues where the reminder wakes it next
        }

        if (S.Revision != _savedRevision && S.Request is not null)
        {
            await SaveAsync();
        }
    }

    /// <summary>
    /// A final on the wire when the silo stops gracefully: its answer is recorded before the state is saved, so the
    /// activation that resumes the result elsewhere does not send it a second time.
    /// </summary>
    private async Task SettleFinalAsync(CancellationToken cancellationToken)
    {
        if (S.Sending is not { Final: true } sending || _inFlight is not { } send)
        {
            return;
        }

        try
        {
            var result = await send.WaitAsync(FinalSettleTime, time, cancellationToken);
            if (_lifecycle.ApplyCallbackResult(S, sending.Token, result, Now))
            {
                ReportEnd();
            }
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Still waiting for the host: the next activation sends it again.
        }
    }

    public async Task<SubmitResult> Submit(RunTaskRequest request)
    {
        if (!RequestUrls.AreAllowed(request, _options))
        {
            LogRefused(logger, request.TaskResultId);
            return SubmitResult.Refused;
        }

        // Submit interleaves. A concurrent duplicate is only a duplicate once the first delivery is stored (its caller
        // then forgets the request): until then it shares the first one's fate, failure included, and is retried.
        if (_storing is { } storing)
        {
            await storing;
            return SubmitResult.Duplicate;
        }

        if (S.Request is not null)
        {
            // Stored earlier, possibly without its reminder (the first delivery failed in between): register it now.
            if (S.Phase != TaskPhase.Done)
            {
                await RegisterDeadlineReminderAsync();
            }

            return SubmitResult.Duplicate;
        }

        var store = StoreAsync(request);
        _storing = store;
        try
        {
            await store;
        }
        catch
        {
            _storing = null;
            throw;
        }

        return SubmitResult.Accepted;
    }

    /// <summary>Claims the task result at once (before the first await), stores it, starts the work, then registers the reminder.</summary>
    private async Task StoreAsync(RunTaskRequest request)
    {
        var now = Now;
        _request = request;
        _lifecycle.Accept(S, tokens.Protect(request), now);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = new TaskResultState();
            _request = null;
            throw;
        }

        _savedRevision = S.Revision;
        metrics.InFlightUp();
        LogAccepted(logger, request.TaskResultId, request.Stage);
        WakeUpAt(now);
        // If this fails the delivery fails too and is retried; the retry finds the stored result and registers it.
        await RegisterDeadlineReminderAsync();
    }

    public Task<TaskResultSnapshot?> GetSnapshot() => Task.FromResult(S.Request is null ? null : Snapshot());

    public Task<TaskResultDetails?> GetDetails() =>
        Task.FromResult(S.Request is null ? null : TaskResultDetailsBuilder.Build(Snapshot(), S.Request, S.Verdict));

    public Task ReportProgress(string checkToken, string message)
    {
        if (_lifecycle.ApplyCheckProgress(S, checkToken, message, Now))
        {
            WakeUpAt(Now);
        }

        return Task.CompletedTask;
    }

    public Task ReportVerdict(string checkToken, Verdict verdict) =>
        TaskResultLifecycle.ApplyVerdict(S, checkToken, verdict, Now) ? AdvanceAsync() : Task.CompletedTask;

    public Task ReportCallback(string sendToken, CallbackResult result)
    {
        if (S.Sending is not { } sending || !_lifecycle.ApplyCallbackResult(S, sendToken, result, Now))
        {
            return Task.CompletedTask;
        }

        var kind = sending.Final ? "final" : "progress";
        metrics.CallbackAttempt(kind, Outcome(result));
        if (sending.Final)
        {
            LogCallback(logger, S.Request!.TaskResultId, S.CallbackAttempts, result.Detail);
        }
        else if (result.Accepted)
        {
            metrics.ProgressSent();
        }

        ReportEnd();
        return AdvanceAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => AdvanceAsync();

    /// <summary>Performs whatever the lifecycle says is due, until it says to sleep.</summary>
    private async Task AdvanceAsync()
    {
        while (true)
        {
            var watchdog = S.Watchdog;
            var step = _lifecycle.Next(S, Now);
            if (watchdog is null && S.Watchdog is { } reason)
            {
                metrics.WatchdogFired(reason);
            }

            switch (step)
            {
                case LifecycleStep.StartCheck start:
                    checks.Start(_request!, start.Attempt, start.Token);
                    break;
                case LifecycleStep.SendProgress progress:
                    var update = CallbackDocument.Write(CallbackStatus.Running, progress.Message, DetailsUrl(), null);
                    _inFlight = callbacks.Send(_request!, update, OutboundPriority.Progress, progress.GiveUpAt, progress.Token);
                    break;
                case LifecycleStep.SendFinal final:
                    var verdict = final.Verdict;
                    var status = verdict.Status == VerdictStatus.Passed ? CallbackStatus.Passed : CallbackStatus.Failed;
                    var document = CallbackDocument.Write(status, verdict.Message, DetailsUrl(), _request!.OutcomesSupported ? verdict.Outcomes : null);
                    _inFlight = callbacks.Send(_request, document, OutboundPriority.Final, final.GiveUpAt, final.Token);
                    break;
                case LifecycleStep.CancelSend:
                    callbacks.Cancel(this.GetPrimaryKeyString());
                    break;
                case LifecycleStep.Sleep sleep:
                    var notifyAt = await NotifyAsync();
                    if (S.Revision != _savedRevision)
                    {
                        await SaveAsync();
                    }

                    WakeUpAt(Earliest(sleep.At, notifyAt));
                    return;
                case LifecycleStep.Retain retain:
                    ReportEnd();
                    if (await NotifyAsync() is { } notifyNext)
                    {
                        if (S.Revision != _savedRevision)
                        {
                            await SaveAsync();
                        }

                        WakeUpAt(notifyNext);
                        return;
                    }

                    await RetainAsync(retain.Until);
                    return;
                case LifecycleStep.Forget:
                    await ForgetAsync();
                    return;
            }
        }
    }

    private static string Outcome(CallbackResult result) => result.Kind switch
    {
        CallbackResultKind.Accepted => "accepted",
        CallbackResultKind.AlreadyFinal => "already_final",
        CallbackResultKind.Transient => "transient",
        _ => "rejected",
    };

    /// <summary>The one log line per finished task result, and the end of any plan check still running for it.</summary>
    private void ReportEnd()
    {
        if (S.Phase != TaskPhase.Done || _ended)
        {
            return;
        }

        _ended = true;
        history.Offer(S); // the results store's writer takes it from here, off this turn
        _request = S.Request; // its token was dropped with the end
        checks.Cancel(this.GetPrimaryKeyString());
        var elapsed = (S.CompletedAt ?? Now) - S.AcceptedAt;
        metrics.InFlightDown();
        metrics.Completed(S.Request!.Stage, S.Verdict?.Status.ToString().ToLowerInvariant() ?? "none", S.Delivery.ToString().ToLowerInvariant());
        if (S.Delivery == DeliveryOutcome.Delivered)
        {
            metrics.FinalLatency(elapsed);
        }

        var duration = elapsed.TotalMilliseconds;
        if (S.Delivery == DeliveryOutcome.Delivered)
        {
            LogEnded(logger, S.Request!.TaskResultId, S.Verdict?.Status, S.Delivery, S.CallbackAttempts, duration);
        }
        else
        {
            LogGaveUp(logger, S.Request!.TaskResultId, S.Verdict?.Status, S.Delivery, S.CallbackAttempts, duration, S.LastError ?? "");
        }
    }

    /// <summary>Keeps a finished result readable for the retention period; the reminder comes back to delete it.</summary>
    private async Task RetainAsync(DateTimeOffset until)
    {
        _wakeUp?.Dispose();
        _wakeUp = null;
        if (S.Revision != _savedRevision)
        {
            await SaveAsync();
        }

        var period = _options.Retention > _options.Deadlines.Reminder ? _options.Retention : _options.Deadlines.Reminder;
        await this.RegisterOrUpdateReminder(ReminderName, until - Now, period);
        DeactivateOnIdle();
    }

    private async Task ForgetAsync()
    {
        _wakeUp?.Dispose();
        _wakeUp = null;
        if (S.Request is not null)
        {
            await state.ClearStateAsync();
        }

        _request = null;
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        DeactivateOnIdle();
    }

    private void WakeUpAt(DateTimeOffset at)
    {
        var delay = at - Now;
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        if (delay > _options.Deadlines.Total)
        {
            delay = _options.Deadlines.Total; // the reminder covers anything further away
        }

        if (_wakeUp is null)
        {
            _wakeUp = this.RegisterGrainTimer(static (self, _) => self.AdvanceAsync(), this,
                new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = true });
        }
        else
        {
            _wakeUp.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task SaveAsync()
    {
        try
        {
            await state.WriteStateAsync();
            _savedRevision = S.Revision;
        }
        catch (Exception e)
        {
            // The timer or the reminder brings us back; the in-memory state is still the truth for this activation.
            LogPersistFailed(logger, e, S.Request!.TaskResultId);
        }
    }

    private string? DetailsUrl() => links.DetailsUrl(_request!.TaskResultId);

    private TaskResultSnapshot Snapshot() => new(
        S.Request!.TaskResultId,
        S.Request.Stage,
        S.Phase,
        S.AcceptedAt,
        S.UpdatedAt,
        _lifecycle.FinalDeadline(S),
        S.Verdict?.Status,
        S.Verdict?.Message ?? S.ProgressMessage,
        S.Verdict?.Outcomes.Count ?? 0,
        S.CallbackAttempts,
        S.Delivery,
        S.LastError,
        S.Phase == TaskPhase.CallbackPending ? S.NextCallbackAt : S.NextHeartbeatAt,
        S.CompletedAt,
        S.AnalysisAttempts,
        [.. S.History]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted task result {TaskResultId} at stage {Stage}")]
    private static partial void LogAccepted(ILogger logger, string taskResultId, string stage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Task result {TaskResultId}: final callback attempt {Attempt} → {Result}")]
    private static partial void LogCallback(ILogger logger, string taskResultId, int attempt, string result);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task result {TaskResultId} ended: {Verdict}, {Delivery} after {Attempts} callback attempt(s) in {DurationMs:F0} ms")]
    private static partial void LogEnded(ILogger logger, string taskResultId, VerdictStatus? verdict, DeliveryOutcome delivery, int attempts, double durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task result {TaskResultId} ended: {Verdict}, {Delivery} after {Attempts} callback attempt(s) in {DurationMs:F0} ms: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string taskResultId, VerdictStatus? verdict, DeliveryOutcome delivery, int attempts, double durationMs, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Task result {TaskResultId} refused: its callback or plan URL is not allowed by this silo's RunTasks:AllowedHosts")]
    private static partial void LogRefused(ILogger logger, string taskResultId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task result {TaskResultId}: could not register its reminder")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception, string taskResultId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task result {TaskResultId}: could not persist state; will retry")]
    private static partial void LogPersistFailed(ILogger logger, Exception exception, string taskResultId);
}

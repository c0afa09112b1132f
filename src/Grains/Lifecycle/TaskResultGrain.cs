using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunTasks.Callbacks;
using RunTasks.Configuration;
using RunTasks.Details;
using RunTasks.Plans;
using RunTasks.Security;
using RunTasks.TaskResults;

namespace RunTasks.Lifecycle;

/// <summary>
/// Owns one task result: received → analysing → callback pending → done. A one-shot grain timer drives the work at the
/// exact time it is due; a reminder wakes the grain after a crash, and every decision is taken from persisted timestamps,
/// so missed reminder ticks lose nothing.
/// </summary>
public sealed partial class TaskResultGrain(
    [PersistentState("task", StorageNames.TaskResults)] IPersistentState<TaskResultState> state,
    CallbackClient callbacks,
    PlanCheckRunner checks,
    AccessTokenProtector tokens,
    DetailsLinkSigner links,
    IOptions<RunTasksOptions> options,
    TimeProvider time,
    ILogger<TaskResultGrain> logger) : Grain, ITaskResultGrain, IRemindable
{
    private const string ReminderName = "deadline";
    private const int HistoryLimit = 100;

    private readonly RunTasksOptions _options = options.Value;
    private IGrainTimer? _wakeUp;
    private DateTimeOffset _leaseUntil;
    private bool _dirty;
    // The request with its token in clear; the stored copy holds the token encrypted.
    private RunTaskRequest? _request;

    private TaskResultState S => state.State;
    private DeadlineOptions Deadlines => _options.Deadlines;
    private DeliveryOptions Delivery => _options.Delivery;
    private DateTimeOffset Now => time.GetUtcNow();
    private DateTimeOffset FinalDeadline => S.AcceptedAt + Deadlines.Total;
    private DateTimeOffset WatchdogAt => S.AcceptedAt + Deadlines.Total - Deadlines.SafetyMargin;
    private DateTimeOffset ProgressWatchdogAt => (S.LastProgressAt ?? S.AcceptedAt) + Deadlines.Progress - Deadlines.SafetyMargin;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Work in flight belonged to an earlier activation (a crash or a move): its lease is void, so start it again.
        if (S.Request is not null)
            _request = tokens.Unprotect(S.Request);
        if (S.Request is not null && S.Phase != TaskPhase.Done)
        {
            _leaseUntil = DateTimeOffset.MinValue;
            WakeUpAt(Now);
        }
        return Task.CompletedTask;
    }

    /// <summary>On a graceful shutdown, what is known is saved; the reminder resumes the work on another silo.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        checks.Cancel(this.GetPrimaryKeyString());
        if (_dirty && S.Request is not null)
            await PersistAsync();
    }

    public async Task<SubmitResult> Submit(RunTaskRequest request)
    {
        // Set before the first await: Submit interleaves, so a concurrent duplicate sees the claim at once.
        if (S.Request is not null)
            return SubmitResult.Duplicate;
        var now = Now;
        _request = request;
        S.Request = tokens.Protect(request);
        S.Phase = TaskPhase.Received;
        S.AcceptedAt = now;
        S.NextHeartbeatAt = now;
        Record(now, $"Received {request.Stage} request");
        try
        {
            await state.WriteStateAsync();
            await this.RegisterOrUpdateReminder(ReminderName, Deadlines.Reminder, Deadlines.Reminder);
        }
        catch
        {
            state.State = new TaskResultState();
            _request = null;
            throw;
        }
        LogAccepted(logger, request.TaskResultId, request.Stage);
        WakeUpAt(now);
        return SubmitResult.Accepted;
    }

    public Task<TaskResultSnapshot?> GetSnapshot() => Task.FromResult(S.Request is null ? null : Snapshot());

    public Task<TaskResultDetails?> GetDetails() =>
        Task.FromResult(S.Request is null ? null : TaskResultDetailsBuilder.Build(Snapshot(), S.Request, S.Verdict));

    public Task ReportProgress(int attempt, string message)
    {
        if (attempt != S.AnalysisAttempts || S.Phase != TaskPhase.Analysing)
            return Task.CompletedTask;
        _leaseUntil = Now + Deadlines.AnalysisLease;
        if (message != S.ProgressMessage)
        {
            S.ProgressMessage = message;
            // A new step is worth telling HCP Terraform about now rather than at the next heartbeat.
            S.NextHeartbeatAt = Now;
            WakeUpAt(Now);
        }
        return Task.CompletedTask;
    }

    public async Task ReportVerdict(int attempt, Verdict verdict)
    {
        if (attempt != S.AnalysisAttempts || S.Phase != TaskPhase.Analysing)
            return;
        SetVerdict(Now, verdict, $"Analysis attempt {attempt} finished: {verdict.Status}");
        await AdvanceAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => AdvanceAsync();

    /// <summary>Does whatever is due now, persists it, and sets the timer for the next thing that will be due.</summary>
    private async Task AdvanceAsync()
    {
        if (_request is not { } request)
        {
            await ForgetReminderAsync();
            DeactivateOnIdle();
            return;
        }
        if (S.Phase == TaskPhase.Done)
        {
            await FinishAsync();
            return;
        }
        var now = Now;

        if (S.Phase is TaskPhase.Received or TaskPhase.Analysing)
            EnforceWatchdog(now);
        if (S.Phase == TaskPhase.Received)
            Dispatch(now, request);
        else if (S.Phase == TaskPhase.Analysing && now >= _leaseUntil)
            Dispatch(now, request);

        if (S.Phase == TaskPhase.Analysing && S.NextHeartbeatAt is { } beat && now >= beat)
            await SendHeartbeatAsync(request);
        if (S.Phase == TaskPhase.CallbackPending && (S.NextCallbackAt ?? now) <= now)
            await SendFinalAsync(request);

        if (_dirty)
            await PersistAsync();
        if (S.Phase == TaskPhase.Done)
            await FinishAsync();
        else
            WakeUpAt(NextDue());
    }

    private void EnforceWatchdog(DateTimeOffset now)
    {
        string? why = null;
        if (now >= WatchdogAt)
            why = $"did not finish within {Deadlines.Total - Deadlines.SafetyMargin:g}";
        else if (now >= ProgressWatchdogAt)
            why = $"could not deliver a progress update to HCP Terraform for {now - (S.LastProgressAt ?? S.AcceptedAt):g}";
        if (why is null)
            return;
        var step = S.ProgressMessage ?? "waiting to start";
        var lastError = S.LastError is null ? "" : $" Last error: {S.LastError}.";
        var status = _options.OnTimeout == TimeoutVerdict.Pass ? VerdictStatus.Passed : VerdictStatus.Failed;
        var suffix = status == VerdictStatus.Passed ? " Passed because RunTasks:OnTimeout is 'pass'." : "";
        var message = $"RunTasks {why} (step: {step}).{lastError}{suffix}";
        checks.Cancel(this.GetPrimaryKeyString());
        SetVerdict(now, new Verdict(status, message, []), "Watchdog: " + why);
    }

    private void Dispatch(DateTimeOffset now, RunTaskRequest request)
    {
        if (request.Stage == "pre_plan")
        {
            SetVerdict(now, new Verdict(VerdictStatus.Passed, "No plan checks apply at the pre_plan stage: there is no plan yet.", []), "Nothing to check at pre_plan");
            return;
        }
        if (request.PlanJsonUrl is null)
        {
            SetVerdict(now, new Verdict(VerdictStatus.Failed, $"The {request.Stage} request carried no plan_json_api_url, so the plan could not be checked.", []), "No plan URL");
            return;
        }
        S.AnalysisAttempts++;
        S.Phase = TaskPhase.Analysing;
        S.ProgressMessage = "Fetching plan";
        S.NextHeartbeatAt ??= now;
        _leaseUntil = now + Deadlines.AnalysisLease;
        Record(now, $"Analysis attempt {S.AnalysisAttempts} started");
        checks.Start(request, S.AnalysisAttempts);
    }

    private void SetVerdict(DateTimeOffset now, Verdict verdict, string what)
    {
        S.Verdict = verdict;
        S.Phase = TaskPhase.CallbackPending;
        S.NextCallbackAt = now;
        S.NextHeartbeatAt = null;
        Record(now, what);
    }

    private async Task SendHeartbeatAsync(RunTaskRequest request)
    {
        var message = S.ProgressMessage ?? "Working";
        var result = await callbacks.SendAsync(request, CallbackDocument.Write(CallbackStatus.Running, message, DetailsUrl(request), null), CancellationToken.None);
        var now = Now;
        if (result.Accepted)
        {
            S.LastProgressAt = now;
            S.HeartbeatFailures = 0;
            S.NextHeartbeatAt = now + Deadlines.Heartbeat;
            Record(now, $"Progress update sent: {message}");
        }
        else if (result.Kind == CallbackResultKind.Transient)
        {
            S.HeartbeatFailures++;
            S.LastError = $"progress update: {result.Detail}";
            S.NextHeartbeatAt = now + Backoff.Delay(S.HeartbeatFailures, Delivery.InitialBackoff, Delivery.MaxBackoff, result.RetryAfter);
            Record(now, $"Progress update failed ({result.Detail}); retrying");
        }
        else
        {
            // HCP Terraform will not take updates for this result any more (token refused, already final, gone).
            Complete(now, result.Kind == CallbackResultKind.AlreadyFinal ? DeliveryOutcome.Delivered : DeliveryOutcome.Rejected, $"progress update: {result.Detail}");
        }
    }

    private async Task SendFinalAsync(RunTaskRequest request)
    {
        var now = Now;
        if (now >= FinalDeadline)
        {
            Complete(now, DeliveryOutcome.Expired, "total deadline passed before the final status was accepted");
            return;
        }
        var verdict = S.Verdict!;
        var status = verdict.Status == VerdictStatus.Passed ? CallbackStatus.Passed : CallbackStatus.Failed;
        var document = CallbackDocument.Write(status, verdict.Message, DetailsUrl(request), request.OutcomesSupported ? verdict.Outcomes : null);
        S.CallbackAttempts++;
        var result = await callbacks.SendAsync(request, document, CancellationToken.None);
        now = Now;
        LogCallback(logger, request.TaskResultId, S.CallbackAttempts, status, result.Detail);
        switch (result.Kind)
        {
            case CallbackResultKind.Accepted or CallbackResultKind.AlreadyFinal:
                S.LastProgressAt = now;
                Complete(now, DeliveryOutcome.Delivered, result.Kind == CallbackResultKind.AlreadyFinal ? result.Detail : null);
                break;
            case CallbackResultKind.Rejected:
                Complete(now, DeliveryOutcome.Rejected, result.Detail);
                break;
            default:
                S.LastError = $"final callback attempt {S.CallbackAttempts}: {result.Detail}";
                var next = now + Backoff.Delay(S.CallbackAttempts, Delivery.InitialBackoff, Delivery.MaxBackoff, result.RetryAfter);
                if (next >= FinalDeadline)
                {
                    Complete(now, DeliveryOutcome.Expired, S.LastError + "; no time left before the total deadline");
                    break;
                }
                S.NextCallbackAt = next;
                Record(now, $"Final callback attempt {S.CallbackAttempts} failed ({result.Detail}); next at {next:O}");
                break;
        }
    }

    private void Complete(DateTimeOffset now, DeliveryOutcome delivery, string? error)
    {
        S.Phase = TaskPhase.Done;
        S.Delivery = delivery;
        S.CompletedAt = now;
        S.NextCallbackAt = null;
        S.NextHeartbeatAt = null;
        if (error is not null)
            S.LastError = error;
        checks.Cancel(this.GetPrimaryKeyString());
        Record(now, delivery switch
        {
            DeliveryOutcome.Delivered => "Final status accepted by HCP Terraform" + (error is null ? "" : $" ({error})"),
            _ => $"Gave up: {delivery} ({error})",
        });
        if (delivery != DeliveryOutcome.Delivered)
            LogGaveUp(logger, S.Request!.TaskResultId, delivery, error ?? "");
    }

    private DateTimeOffset NextDue()
    {
        var due = new List<DateTimeOffset>();
        if (S.Phase is TaskPhase.Received or TaskPhase.Analysing)
        {
            due.Add(WatchdogAt);
            due.Add(ProgressWatchdogAt);
            if (S.Phase == TaskPhase.Analysing)
                due.Add(_leaseUntil);
            if (S.NextHeartbeatAt is { } beat)
                due.Add(beat);
        }
        if (S.Phase == TaskPhase.CallbackPending)
            due.Add(S.NextCallbackAt ?? Now);
        return due.Count == 0 ? Now + Deadlines.Reminder : due.Min();
    }

    private void WakeUpAt(DateTimeOffset at)
    {
        var delay = at - Now;
        if (delay < TimeSpan.Zero)
            delay = TimeSpan.Zero;
        if (_wakeUp is null)
            _wakeUp = this.RegisterGrainTimer(static (self, _) => self.AdvanceAsync(), this,
                new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = true });
        else
            _wakeUp.Change(delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Keeps a finished result readable for the retention period, then deletes it.</summary>
    private async Task FinishAsync()
    {
        _wakeUp?.Dispose();
        _wakeUp = null;
        var expiresAt = (S.CompletedAt ?? Now) + _options.Retention;
        if (Now >= expiresAt)
        {
            await state.ClearStateAsync();
            _request = null;
            await ForgetReminderAsync();
        }
        else
        {
            var period = _options.Retention > Deadlines.Reminder ? _options.Retention : Deadlines.Reminder;
            await this.RegisterOrUpdateReminder(ReminderName, expiresAt - Now, period);
        }
        DeactivateOnIdle();
    }

    private async Task ForgetReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    private async Task PersistAsync()
    {
        try
        {
            await state.WriteStateAsync();
            _dirty = false;
        }
        catch (Exception e)
        {
            // The timer or the reminder brings us back; the in-memory state is still the truth for this activation.
            LogPersistFailed(logger, e, S.Request!.TaskResultId);
        }
    }

    private string? DetailsUrl(RunTaskRequest request) => links.DetailsUrl(request.TaskResultId);

    private void Record(DateTimeOffset now, string what)
    {
        _dirty = true;
        S.UpdatedAt = now;
        S.History.Add(new TaskEvent(now, what));
        if (S.History.Count > HistoryLimit)
            S.History.RemoveRange(1, S.History.Count - HistoryLimit);
    }

    private TaskResultSnapshot Snapshot() => new(
        S.Request!.TaskResultId,
        S.Request.Stage,
        S.Phase,
        S.AcceptedAt,
        S.UpdatedAt,
        FinalDeadline,
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Task result {TaskResultId}: final callback attempt {Attempt} ({Status}) → {Result}")]
    private static partial void LogCallback(ILogger logger, string taskResultId, int attempt, string status, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task result {TaskResultId}: gave up delivering, {Delivery}: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string taskResultId, DeliveryOutcome delivery, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task result {TaskResultId}: could not persist state; will retry")]
    private static partial void LogPersistFailed(ILogger logger, Exception exception, string taskResultId);
}

using System.Security.Cryptography;
using RunTasks.Grains.Callbacks;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Plans;

namespace RunTasks.Grains.Lifecycle;

/// <summary>
/// Every decision about one task result, as plain logic over its persisted state and the time: what to do now, when
/// to wake next, and what a callback's answer or a plan check's verdict changes. The grain performs the effects.
/// </summary>
public sealed class TaskResultLifecycle(RunTasksOptions options, Random? jitter = null)
{
    /// <summary>How long the sender's answer may take beyond the attempt's own time limit before the callback counts as lost.</summary>
    private static readonly TimeSpan ReportGrace = TimeSpan.FromSeconds(30);

    private DeadlineOptions Deadlines => options.Deadlines;
    private DeliveryOptions Delivery => options.Delivery;

    public DateTimeOffset FinalDeadline(TaskResultState s) => s.AcceptedAt + Deadlines.Total;

    private DateTimeOffset WatchdogAt(TaskResultState s) => s.AcceptedAt + Deadlines.Total - Deadlines.SafetyMargin;

    private DateTimeOffset ProgressWatchdogAt(TaskResultState s) => (s.LastProgressAt ?? s.AcceptedAt) + Deadlines.Progress - Deadlines.SafetyMargin;

    /// <summary>A new request: stores it (token already protected) and plans the first progress update, if one is ever needed.</summary>
    public void Accept(TaskResultState s, RunTaskRequest protectedRequest, DateTimeOffset now)
    {
        s.Request = protectedRequest;
        s.Phase = TaskPhase.Received;
        // Deadlines count from when the request was stored durably, not from a later hand-over to this grain.
        s.AcceptedAt = protectedRequest.ReceivedAt is { } received && received < now ? received : now;
        // A verdict ready before then costs HCP Terraform one request: the final callback.
        s.NextHeartbeatAt = s.AcceptedAt + Deadlines.FirstProgress;
        s.Record(s.AcceptedAt, $"Received {protectedRequest.Stage} request");
    }

    /// <summary>After a crash or a move, work in flight belonged to the old activation: its lease and its callback are void.</summary>
    public static void Resume(TaskResultState s)
    {
        s.LeaseUntil = null;
        s.Sending = null;
    }

    /// <summary>Applies what is due by time alone (watchdog, stage rules, expiry) and says what the grain must do now.</summary>
    public LifecycleStep Next(TaskResultState s, DateTimeOffset now)
    {
        if (s.Request is not { } request)
        {
            return new LifecycleStep.Forget();
        }

        if (s.Phase == TaskPhase.Done)
        {
            var until = (s.CompletedAt ?? now) + options.Retention;
            return now >= until ? new LifecycleStep.Forget() : new LifecycleStep.Retain(until);
        }
        if (s.Phase is TaskPhase.Received or TaskPhase.Analysing)
        {
            EnforceWatchdog(s, now);
        }

        if (s.Phase == TaskPhase.Received)
        {
            if (request.Stage == "pre_plan" && request.ConfigurationVersionDownloadUrl is null)
            {
                SetVerdict(s, now, new Verdict(VerdictStatus.Passed, ConfigurationCheck.NotDownloadable, []), "No configuration to check at pre_plan");
            }
            else if (request.Stage != "pre_plan" && request.PlanJsonUrl is null)
            {
                SetVerdict(s, now, new Verdict(VerdictStatus.Failed, $"The {request.Stage} request carried no plan_json_api_url, so the plan could not be checked.", []), "No plan URL");
            }
            else
            {
                return StartCheck(s, now);
            }
        }
        if (s.Phase == TaskPhase.Analysing && now >= (s.LeaseUntil ?? DateTimeOffset.MinValue))
        {
            if (s.AnalysisAttempts < Delivery.MaxAnalysisAttempts)
            {
                return StartCheck(s, now);
            }

            SetVerdict(s, now, new Verdict(VerdictStatus.Failed,
                $"RunTasks could not complete the plan check after {s.AnalysisAttempts} attempts (step: {s.ProgressMessage ?? "starting"}).{LastError(s)}", []),
                $"Gave up after {s.AnalysisAttempts} analysis attempts");
        }
        if (s.Sending is { } sending)
        {
            if (now < sending.Until)
            {
                if (!sending.Final && !sending.Replaced && s.Phase == TaskPhase.CallbackPending)
                {
                    // HCP Terraform never needs a stale "running" once the verdict is known.
                    s.Sending = sending with { Replaced = true };
                    return new LifecycleStep.CancelSend();
                }

                return new LifecycleStep.Sleep(NextDue(s, now));
            }

            s.Sending = null;
            s.Record(now, (sending.Final ? "Final callback" : "Progress update") + " got no answer from the sender; sending again");
        }
        if (s.Phase == TaskPhase.Analysing && s.NextHeartbeatAt is { } beat && now >= beat)
        {
            var message = s.ProgressMessage ?? "Working";
            var giveUpAt = ProgressWatchdogAt(s);
            return new LifecycleStep.SendProgress(message, giveUpAt, Send(s, final: false, message, giveUpAt));
        }

        if (s.Phase == TaskPhase.CallbackPending)
        {
            if (now >= FinalDeadline(s))
            {
                Complete(s, now, DeliveryOutcome.Expired, "total deadline passed before the final status was accepted");
                return Next(s, now);
            }
            if ((s.NextCallbackAt ?? now) <= now)
            {
                return new LifecycleStep.SendFinal(s.Verdict!, FinalDeadline(s), Send(s, final: true, s.Verdict!.Status.ToString(), FinalDeadline(s)));
            }
        }
        return new LifecycleStep.Sleep(NextDue(s, now));
    }

    /// <summary>Marks a callback as on its way and returns the token its answer must carry.</summary>
    private string Send(TaskResultState s, bool final, string message, DateTimeOffset giveUpAt)
    {
        var token = NewToken();
        s.CallbacksSent++;
        s.Sending = new CallbackInFlight(token, final, message, giveUpAt + Delivery.AttemptTimeout + ReportGrace);
        return token;
    }

    private static string NewToken() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary>Whether a plan check's report belongs to the check in progress; anything else is stale or forged.</summary>
    private static bool IsCurrentCheck(TaskResultState s, string token) =>
        s.Phase == TaskPhase.Analysing && s.CheckToken is { } current &&
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(current), System.Text.Encoding.ASCII.GetBytes(token));

    /// <summary>A plan check reports it is alive (and what it is doing). True when a progress update is now due.</summary>
    public bool ApplyCheckProgress(TaskResultState s, string checkToken, string message, DateTimeOffset now)
    {
        if (!IsCurrentCheck(s, checkToken))
        {
            return false;
        }

        s.LeaseUntil = now + Deadlines.AnalysisLease;
        if (message == s.ProgressMessage)
        {
            return false;
        }

        s.ProgressMessage = message;
        // Once HCP Terraform shows this result as running, a new step is worth telling now rather than at the next beat.
        if (s.LastProgressAt is null)
        {
            return false;
        }

        s.NextHeartbeatAt = now;
        return true;
    }

    /// <summary>A plan check's verdict; false when it belongs to a stale attempt or the result has moved on.</summary>
    public static bool ApplyVerdict(TaskResultState s, string checkToken, Verdict verdict, DateTimeOffset now)
    {
        if (!IsCurrentCheck(s, checkToken))
        {
            return false;
        }

        SetVerdict(s, now, verdict, $"Analysis attempt {s.AnalysisAttempts} finished: {verdict.Status}");
        return true;
    }

    /// <summary>
    /// The sender's answer for the callback on its way. False when it is not that callback's (a stale send from before
    /// a restart, or a forged call): then nothing changes.
    /// </summary>
    public bool ApplyCallbackResult(TaskResultState s, string token, CallbackResult result, DateTimeOffset now)
    {
        if (s.Sending is not { } sending || sending.Token != token)
        {
            return false;
        }

        s.Sending = null;
        if (sending.Final)
        {
            ApplyFinalResult(s, result, now);
        }
        else
        {
            ApplyProgressResult(s, sending.Message, result, now);
        }

        return true;
    }

    private void ApplyProgressResult(TaskResultState s, string message, CallbackResult result, DateTimeOffset now)
    {
        if (s.Phase != TaskPhase.Analysing)
        {
            return; // a verdict arrived while the update was on its way
        }

        if (result.Accepted)
        {
            s.LastProgressAt = now;
            s.HeartbeatFailures = 0;
            s.NextHeartbeatAt = now + Deadlines.Heartbeat;
            s.Record(now, $"Progress update sent: {message}");
        }
        else if (result.Kind == CallbackResultKind.Transient)
        {
            s.HeartbeatFailures++;
            s.LastError = $"progress update: {result.Detail}";
            s.NextHeartbeatAt = now + Backoff.Delay(s.HeartbeatFailures, Delivery.InitialBackoff, Delivery.MaxBackoff, result.RetryAfter, jitter);
            s.Record(now, $"Progress update failed ({result.Detail}); retrying");
        }
        else
        {
            // HCP Terraform will not take updates for this result any more (token refused, already final, gone).
            Complete(s, now, result.Kind == CallbackResultKind.AlreadyFinal ? DeliveryOutcome.Delivered : DeliveryOutcome.Rejected, $"progress update: {result.Detail}");
        }
    }

    private void ApplyFinalResult(TaskResultState s, CallbackResult result, DateTimeOffset now)
    {
        s.CallbackAttempts++;
        switch (result.Kind)
        {
            case CallbackResultKind.Accepted or CallbackResultKind.AlreadyFinal:
                s.LastProgressAt = now;
                Complete(s, now, DeliveryOutcome.Delivered, result.Kind == CallbackResultKind.AlreadyFinal ? result.Detail : null);
                break;
            case CallbackResultKind.Rejected:
                Complete(s, now, DeliveryOutcome.Rejected, result.Detail);
                break;
            default:
                s.LastError = $"final callback attempt {s.CallbackAttempts}: {result.Detail}";
                var next = now + Backoff.Delay(s.CallbackAttempts, Delivery.InitialBackoff, Delivery.MaxBackoff, result.RetryAfter, jitter);
                if (next >= FinalDeadline(s))
                {
                    Complete(s, now, DeliveryOutcome.Expired, s.LastError + "; no time left before the total deadline");
                    break;
                }
                s.NextCallbackAt = next;
                s.Record(now, $"Final callback attempt {s.CallbackAttempts} failed ({result.Detail}); next at {next:O}");
                break;
        }
    }

    private LifecycleStep.StartCheck StartCheck(TaskResultState s, DateTimeOffset now)
    {
        s.AnalysisAttempts++;
        s.Phase = TaskPhase.Analysing;
        s.ProgressMessage = s.Request!.Stage == "pre_plan" ? "Fetching configuration" : "Fetching plan";
        s.NextHeartbeatAt ??= s.AcceptedAt + Deadlines.FirstProgress;
        s.LeaseUntil = now + Deadlines.AnalysisLease;
        s.CheckToken = NewToken();
        s.Record(now, $"Analysis attempt {s.AnalysisAttempts} started");
        return new LifecycleStep.StartCheck(s.AnalysisAttempts, s.CheckToken);
    }

    private void EnforceWatchdog(TaskResultState s, DateTimeOffset now)
    {
        var (reason, why) = now >= WatchdogAt(s) ? ("total", $"did not finish within {Deadlines.Total - Deadlines.SafetyMargin:g}")
            : now >= ProgressWatchdogAt(s) ? ("progress", $"could not deliver a progress update to HCP Terraform for {now - (s.LastProgressAt ?? s.AcceptedAt):g}")
            : (null, null);
        if (reason is null)
        {
            return;
        }

        var status = options.OnTimeout == TimeoutVerdict.Pass ? VerdictStatus.Passed : VerdictStatus.Failed;
        var suffix = status == VerdictStatus.Passed ? " Passed because RunTasks:OnTimeout is 'pass'." : "";
        var message = $"RunTasks {why} (step: {s.ProgressMessage ?? "waiting to start"}).{LastError(s)}{suffix}";
        s.Watchdog = reason;
        SetVerdict(s, now, new Verdict(status, message, []), "Watchdog: " + why);
    }

    private static string LastError(TaskResultState s) => s.LastError is null ? "" : $" Last error: {s.LastError}.";

    private static void SetVerdict(TaskResultState s, DateTimeOffset now, Verdict verdict, string what)
    {
        s.Verdict = verdict;
        s.Phase = TaskPhase.CallbackPending;
        s.NextCallbackAt = now;
        s.NextHeartbeatAt = null;
        s.LeaseUntil = null;
        s.CheckToken = null;
        s.Record(now, what);
    }

    private static void Complete(TaskResultState s, DateTimeOffset now, DeliveryOutcome delivery, string? error)
    {
        s.Phase = TaskPhase.Done;
        s.Delivery = delivery;
        s.CompletedAt = now;
        s.NextCallbackAt = null;
        s.NextHeartbeatAt = null;
        s.LeaseUntil = null;
        s.CheckToken = null;
        s.Sending = null;
        // Nothing more is sent for this result: its token has no business in storage for the retention period.
        s.Request = s.Request! with { AccessToken = AccessToken.Dropped };
        if (error is not null)
        {
            s.LastError = error;
        }

        s.Record(now, delivery == DeliveryOutcome.Delivered
            ? "Final status accepted by HCP Terraform" + (error is null ? "" : $" ({error})")
            : $"Gave up: {delivery} ({error})");
    }

    /// <summary>The earliest time something becomes due: a deadline, a lapsed lease, a heartbeat or a retry.</summary>
    public DateTimeOffset NextDue(TaskResultState s, DateTimeOffset now)
    {
        var due = DateTimeOffset.MaxValue;
        void Consider(DateTimeOffset? at)
        {
            if (at is { } t && t < due)
            {
                due = t;
            }
        }
        // While a callback is on its way, its answer (or its presumed loss) comes before any further send.
        var sending = s.Sending?.Until;
        Consider(sending);
        switch (s.Phase)
        {
            case TaskPhase.Received or TaskPhase.Analysing:
                Consider(WatchdogAt(s));
                Consider(ProgressWatchdogAt(s));
                Consider(s.Phase == TaskPhase.Analysing ? s.LeaseUntil ?? now : null);
                Consider(sending is null ? s.NextHeartbeatAt : null);
                break;
            case TaskPhase.CallbackPending:
                Consider(sending is null ? s.NextCallbackAt ?? now : null);
                break;
            case TaskPhase.Done:
                Consider((s.CompletedAt ?? now) + options.Retention);
                break;
        }
        return due;
    }
}

using System.Text.Json;
using RunTasks.Grains.Callbacks;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Lifecycle;

namespace RunTasks.Tests.Lifecycle;

/// <summary>The lifecycle as tables: explicit timestamps, default deadlines, no silo, milliseconds per test.</summary>
public sealed class TaskResultLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly CallbackResult Ok = new(CallbackResultKind.Accepted, 200, "HTTP 200");
    private static readonly CallbackResult Unavailable = new(CallbackResultKind.Transient, 503, "HTTP 503");
    private static readonly Verdict Failed = new(VerdictStatus.Failed, "1 error", []);

    private static RunTasksOptions Options(Action<RunTasksOptions>? change = null)
    {
        var options = new RunTasksOptions();
        change?.Invoke(options);
        return options;
    }

    private static TaskResultLifecycle Lifecycle(RunTasksOptions? options = null) => new(options ?? Options(), new MiddleJitter());

    private static RunTaskRequest Request(string stage = "post_plan", string? planUrl = "https://app.terraform.io/api/v2/plans/plan-1/json-output", string? configurationUrl = null) =>
        new("taskrs-1", stage, "https://app.terraform.io/api/v2/task-results/1/callback", planUrl, new AccessToken("ciphertext"), true, "acme", null, "ws", "run-1", "mandatory", false, ConfigurationVersionDownloadUrl: configurationUrl);

    private static TaskResultState Accepted(TaskResultLifecycle lifecycle, RunTaskRequest? request = null)
    {
        var s = new TaskResultState();
        lifecycle.Accept(s, request ?? Request(), T0);
        return s;
    }

    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    /// <summary>The sender's answer to the callback on its way.</summary>
    private static void Answer(TaskResultLifecycle lifecycle, TaskResultState s, CallbackResult result, DateTimeOffset at) =>
        Assert.True(lifecycle.ApplyCallbackResult(s, s.Sending!.Token, result, at));

    /// <summary>Lets the lifecycle send what is due at <paramref name="at"/>, and answers it.</summary>
    private static LifecycleStep SendAndAnswer(TaskResultLifecycle lifecycle, TaskResultState s, CallbackResult result, DateTimeOffset at)
    {
        var step = lifecycle.Next(s, at);
        Assert.True(step is LifecycleStep.SendProgress or LifecycleStep.SendFinal, $"expected a send, got {step}");
        Answer(lifecycle, s, result, at);
        return step;
    }

    private static bool Progress(TaskResultLifecycle lifecycle, TaskResultState s, string message, DateTimeOffset at) =>
        lifecycle.ApplyCheckProgress(s, s.CheckToken!, message, at);

    private static bool Decide(TaskResultState s, Verdict verdict, DateTimeOffset at) =>
        TaskResultLifecycle.ApplyVerdict(s, s.CheckToken ?? "none", verdict, at);

    [Fact]
    public void New_post_plan_result_starts_a_check_then_sleeps_until_the_first_progress_is_due()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        var start = Assert.IsType<LifecycleStep.StartCheck>(lifecycle.Next(s, T0));
        Assert.Equal(1, start.Attempt);
        Assert.Equal(s.CheckToken, start.Token);
        Assert.Equal(TaskPhase.Analysing, s.Phase);
        Assert.Equal(new LifecycleStep.Sleep(T0 + Seconds(5)), lifecycle.Next(s, T0));
    }

    [Fact]
    public void Verdict_within_the_first_progress_window_is_the_only_callback()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        Assert.True(Decide(s, Failed, T0 + Seconds(4.9)));
        var final = Assert.IsType<LifecycleStep.SendFinal>(lifecycle.Next(s, T0 + Seconds(4.9)));
        Assert.Equal(Failed, final.Verdict);
        Assert.Equal(T0 + TimeSpan.FromHours(1), final.GiveUpAt);
        Answer(lifecycle, s, Ok, T0 + Seconds(5));
        Assert.Equal(TaskPhase.Done, s.Phase);
        Assert.Equal(DeliveryOutcome.Delivered, s.Delivery);
        Assert.Equal(new LifecycleStep.Retain(T0 + Seconds(5) + TimeSpan.FromDays(7)), lifecycle.Next(s, T0 + Seconds(5)));
    }

    [Fact]
    public void Slow_check_gets_a_first_progress_update_then_one_every_heartbeat()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        Progress(lifecycle, s, "Checking plan", T0 + Seconds(1));
        var progress = Assert.IsType<LifecycleStep.SendProgress>(lifecycle.Next(s, T0 + Seconds(5)));
        Assert.Equal("Checking plan", progress.Message);
        Assert.Equal(T0 + TimeSpan.FromMinutes(10) - Seconds(30), progress.GiveUpAt);
        Answer(lifecycle, s, Ok, T0 + Seconds(5));
        Assert.Equal(T0 + Seconds(5) + TimeSpan.FromMinutes(4), s.NextHeartbeatAt);
        Assert.Equal(T0 + Seconds(5), s.LastProgressAt);
    }

    [Fact]
    public void A_new_step_is_told_at_once_only_after_the_first_progress_update()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        Assert.False(Progress(lifecycle, s, "Checking plan", T0 + Seconds(1)));
        SendAndAnswer(lifecycle, s, Ok, T0 + Seconds(5));
        Assert.True(Progress(lifecycle, s, "Checking 120 resource changes", T0 + Seconds(6)));
        Assert.IsType<LifecycleStep.SendProgress>(lifecycle.Next(s, T0 + Seconds(6)));
    }

    [Theory]
    [InlineData("pre_plan", null, VerdictStatus.Passed, "configuration was not checked")]
    [InlineData("post_plan", null, VerdictStatus.Failed, "no plan_json_api_url")]
    public void Stage_rules_answer_without_a_plan_check(string stage, string? planUrl, VerdictStatus status, string message)
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle, Request(stage, planUrl));
        var final = Assert.IsType<LifecycleStep.SendFinal>(lifecycle.Next(s, T0));
        Assert.Equal(status, final.Verdict.Status);
        Assert.Contains(message, final.Verdict.Message, StringComparison.Ordinal);
        Assert.Equal(0, s.AnalysisAttempts);
    }

    [Fact]
    public void Request_handed_over_late_keeps_the_deadlines_of_when_it_was_received()
    {
        var lifecycle = Lifecycle();
        var s = new TaskResultState();
        lifecycle.Accept(s, Request() with { ReceivedAt = T0 }, T0 + TimeSpan.FromMinutes(2)); // stored at T0, pumped after a crash
        Assert.Equal(T0, s.AcceptedAt);
        Assert.Equal(T0 + TimeSpan.FromHours(1), lifecycle.FinalDeadline(s));
    }

    [Fact]
    public void Pre_plan_with_a_configuration_version_starts_a_check_of_the_configuration()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle, Request("pre_plan", null, "https://app.terraform.io/api/v2/configuration-versions/cv-1/download"));
        Assert.IsType<LifecycleStep.StartCheck>(lifecycle.Next(s, T0));
        Assert.Equal("Fetching configuration", s.ProgressMessage);
    }

    [Theory]
    [InlineData(TimeoutVerdict.Fail, VerdictStatus.Failed, "did not finish within 0:59:30")]
    [InlineData(TimeoutVerdict.Pass, VerdictStatus.Passed, "Passed because RunTasks:OnTimeout is 'pass'")]
    public void Watchdog_answers_at_total_minus_margin(TimeoutVerdict onTimeout, VerdictStatus status, string message)
    {
        var lifecycle = Lifecycle(Options(o => o.OnTimeout = onTimeout));
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        // A live check that keeps HCP Terraform informed, but never finishes.
        for (var t = T0 + Seconds(5); t < T0 + TimeSpan.FromMinutes(59.5); t += TimeSpan.FromMinutes(1))
        {
            Progress(lifecycle, s, "Checking plan", t);
            if (lifecycle.Next(s, t) is LifecycleStep.SendProgress)
            {
                Answer(lifecycle, s, Ok, t);
            }
        }
        Assert.Equal(TaskPhase.Analysing, s.Phase);
        var final = Assert.IsType<LifecycleStep.SendFinal>(lifecycle.Next(s, T0 + TimeSpan.FromMinutes(59.5)));
        Assert.Equal(status, final.Verdict.Status);
        Assert.Contains(message, final.Verdict.Message, StringComparison.Ordinal);
        Assert.Equal("total", s.Watchdog);
    }

    [Fact]
    public void Progress_window_at_risk_answers_before_hcp_terraform_errors_the_run()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        var t = T0 + Seconds(5);
        while (lifecycle.Next(s, t) is var step && step is not LifecycleStep.SendFinal)
        {
            Progress(lifecycle, s, "Checking plan", t);
            if (step is LifecycleStep.SendProgress)
            {
                Answer(lifecycle, s, Unavailable, t);
            }

            t += Seconds(1);
        }
        Assert.Equal(T0 + TimeSpan.FromMinutes(9.5), t);
        Assert.Contains("could not deliver a progress update", s.Verdict!.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", s.Verdict.Message, StringComparison.Ordinal);
        Assert.Equal("progress", s.Watchdog);
    }

    [Theory]
    [InlineData(1, null, 2)]
    [InlineData(2, null, 4)]
    [InlineData(5, null, 32)]
    [InlineData(7, null, 60)]
    [InlineData(1, 7, 7)]
    [InlineData(7, 90, 90)]
    public void Final_callback_backs_off_exponentially_with_the_server_hint_as_a_floor(int failures, int? retryAfter, int expectedSeconds)
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle, Request("pre_plan"));
        var result = Unavailable with { RetryAfter = retryAfter is { } r ? Seconds(r) : null };
        var t = T0;
        for (var i = 0; i < failures; i++)
        {
            t = s.NextCallbackAt ?? T0;
            SendAndAnswer(lifecycle, s, result, t);
        }

        Assert.Equal(t + Seconds(expectedSeconds), s.NextCallbackAt);
        Assert.Equal(new LifecycleStep.Sleep(t + Seconds(expectedSeconds)), lifecycle.Next(s, t));
    }

    [Fact]
    public void Final_that_cannot_be_retried_before_the_total_deadline_expires()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle, Request("pre_plan"));
        lifecycle.Next(s, T0);
        Answer(lifecycle, s, Unavailable with { RetryAfter = TimeSpan.FromMinutes(61) }, T0 + Seconds(1));
        Assert.Equal(DeliveryOutcome.Expired, s.Delivery);
        Assert.Contains("no time left", s.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Pending_final_past_the_total_deadline_expires_instead_of_being_sent()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle, Request("pre_plan"));
        Assert.IsType<LifecycleStep.Retain>(lifecycle.Next(s, T0 + TimeSpan.FromHours(1)));
        Assert.Equal(DeliveryOutcome.Expired, s.Delivery);
    }

    [Theory]
    [InlineData(CallbackResultKind.AlreadyFinal, DeliveryOutcome.Delivered)]
    [InlineData(CallbackResultKind.Rejected, DeliveryOutcome.Rejected)]
    public void Final_answers_that_end_delivery(CallbackResultKind kind, DeliveryOutcome outcome)
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle, Request("pre_plan"));
        SendAndAnswer(lifecycle, s, new CallbackResult(kind, 409, "HTTP 4xx"), T0);
        Assert.Equal(outcome, s.Delivery);
        Assert.Equal(TaskPhase.Done, s.Phase);
    }

    [Fact]
    public void Refused_progress_update_ends_the_result()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        SendAndAnswer(lifecycle, s, new CallbackResult(CallbackResultKind.Rejected, 401, "HTTP 401 (access token refused)"), T0 + Seconds(5));
        Assert.Equal(DeliveryOutcome.Rejected, s.Delivery);
        Assert.IsType<LifecycleStep.Retain>(lifecycle.Next(s, T0 + Seconds(5)));
    }

    [Fact]
    public void Lapsed_lease_restarts_the_check_and_gives_up_after_the_attempt_cap()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        Assert.Equal(1, Assert.IsType<LifecycleStep.StartCheck>(lifecycle.Next(s, T0)).Attempt);
        SendAndAnswer(lifecycle, s, Ok, T0 + Seconds(5)); // HCP Terraform is told; the check says nothing more
        Assert.IsType<LifecycleStep.Sleep>(lifecycle.Next(s, T0 + Seconds(59)));
        Assert.Equal(2, Assert.IsType<LifecycleStep.StartCheck>(lifecycle.Next(s, T0 + TimeSpan.FromMinutes(1))).Attempt);
        Assert.Equal(3, Assert.IsType<LifecycleStep.StartCheck>(lifecycle.Next(s, T0 + TimeSpan.FromMinutes(2))).Attempt);
        var final = Assert.IsType<LifecycleStep.SendFinal>(lifecycle.Next(s, T0 + TimeSpan.FromMinutes(3)));
        Assert.Contains("after 3 attempts", final.Verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_from_a_live_check_renews_its_lease()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        Progress(lifecycle, s, "Fetching plan", T0 + Seconds(50));
        Assert.Equal(T0 + Seconds(110), s.LeaseUntil);
        Assert.IsNotType<LifecycleStep.StartCheck>(lifecycle.Next(s, T0 + Seconds(61)));
    }

    [Fact]
    public void Verdict_of_a_stale_attempt_is_ignored()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        var first = Assert.IsType<LifecycleStep.StartCheck>(lifecycle.Next(s, T0));
        var second = Assert.IsType<LifecycleStep.StartCheck>(lifecycle.Next(s, T0 + TimeSpan.FromMinutes(1)));
        Assert.False(TaskResultLifecycle.ApplyVerdict(s, first.Token, Failed, T0 + TimeSpan.FromMinutes(1)));
        Assert.Equal(TaskPhase.Analysing, s.Phase);
        Assert.True(TaskResultLifecycle.ApplyVerdict(s, second.Token, Failed, T0 + TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Finished_result_is_forgotten_when_retention_ends()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle, Request("pre_plan"));
        SendAndAnswer(lifecycle, s, Ok, T0);
        Assert.IsType<LifecycleStep.Retain>(lifecycle.Next(s, T0 + TimeSpan.FromDays(7) - Seconds(1)));
        Assert.IsType<LifecycleStep.Forget>(lifecycle.Next(s, T0 + TimeSpan.FromDays(7)));
        Assert.IsType<LifecycleStep.Forget>(lifecycle.Next(new TaskResultState(), T0));
    }

    /// <summary>
    /// A run of one slow task result, step by step. A crash after any step, with the state as last stored, resumes into
    /// a step that continues the same run: nothing is lost, and no final is sent again once delivery is recorded.
    /// </summary>
    [Theory]
    [InlineData(0, typeof(LifecycleStep.StartCheck))]   // stored Received
    [InlineData(1, typeof(LifecycleStep.StartCheck))]   // stored Analysing: the check died with the silo, start another
    [InlineData(2, typeof(LifecycleStep.StartCheck))]   // after a progress update
    [InlineData(3, typeof(LifecycleStep.SendFinal))]    // verdict stored, final not yet sent
    [InlineData(4, typeof(LifecycleStep.SendFinal))]    // first final attempt failed: retried at its time
    [InlineData(5, typeof(LifecycleStep.Retain))]       // delivered: only retention is left
    public void Crash_after_any_step_resumes_the_same_run(int crashAfter, Type expected)
    {
        var lifecycle = Lifecycle();
        var s = new TaskResultState();
        var t = T0;
        var steps = new Action[]
        {
            () => lifecycle.Accept(s, Request(), t),
            () => lifecycle.Next(s, t),
            () => { t += Seconds(5); SendAndAnswer(lifecycle, s, Ok, t); },
            () => { t += Seconds(5); Decide(s, Failed, t); },
            () => SendAndAnswer(lifecycle, s, Unavailable, t),
            () => { t = s.NextCallbackAt!.Value; SendAndAnswer(lifecycle, s, Ok, t); },
        };
        for (var i = 0; i <= crashAfter; i++)
        {
            steps[i]();
        }

        var stored = JsonSerializer.Deserialize<TaskResultState>(JsonSerializer.Serialize(s))!;
        TaskResultLifecycle.Resume(stored);
        var resumedAt = t + Seconds(10);
        var step = lifecycle.Next(stored, resumedAt);
        Assert.IsType(expected, step);
        if (step is LifecycleStep.StartCheck start)
        {
            Assert.Equal(s.AnalysisAttempts + 1, start.Attempt);
        }

        Assert.Equal(s.AcceptedAt, stored.AcceptedAt);
    }

    [Fact]
    public void Final_decided_while_a_progress_update_is_on_its_way_replaces_it()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        Assert.IsType<LifecycleStep.SendProgress>(lifecycle.Next(s, T0 + Seconds(5)));
        var progressToken = s.Sending!.Token;
        Assert.True(Decide(s, Failed, T0 + Seconds(6)));
        Assert.IsType<LifecycleStep.CancelSend>(lifecycle.Next(s, T0 + Seconds(6)));
        // At most one callback at a time: the final waits for the called-off update to come back.
        Assert.IsType<LifecycleStep.Sleep>(lifecycle.Next(s, T0 + Seconds(6)));
        Assert.True(lifecycle.ApplyCallbackResult(s, progressToken, new CallbackResult(CallbackResultKind.Transient, null, "not sent"), T0 + Seconds(6)));
        var final = Assert.IsType<LifecycleStep.SendFinal>(lifecycle.Next(s, T0 + Seconds(6)));
        Assert.Equal(Failed, final.Verdict);
        Answer(lifecycle, s, Ok, T0 + Seconds(7));
        Assert.Equal(DeliveryOutcome.Delivered, s.Delivery);
    }

    [Fact]
    public void Verdict_arriving_during_a_host_pause_is_kept_and_sent_when_the_pause_ends()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        // The first running update is answered 429 Retry-After 45: the host pauses, the next update waits for it.
        SendAndAnswer(lifecycle, s, Unavailable with { StatusCode = 429, RetryAfter = Seconds(45) }, T0 + Seconds(5));
        Assert.Equal(T0 + Seconds(50), s.NextHeartbeatAt);
        Assert.True(Decide(s, Failed, T0 + Seconds(8)));
        var final = Assert.IsType<LifecycleStep.SendFinal>(lifecycle.Next(s, T0 + Seconds(8)));
        Assert.Equal(Failed, final.Verdict);
        // The sender holds it until the pause ends; meanwhile nothing else is started or sent.
        Assert.Equal(new LifecycleStep.Sleep(s.Sending!.Until), lifecycle.Next(s, T0 + Seconds(30)));
        Answer(lifecycle, s, Ok, T0 + Seconds(50));
        Assert.Equal(DeliveryOutcome.Delivered, s.Delivery);
        Assert.Equal(1, s.AnalysisAttempts);
        Assert.Equal(1, s.CallbackAttempts);
    }

    [Theory]
    [InlineData(CallbackResultKind.Accepted, DeliveryOutcome.Delivered)]
    [InlineData(CallbackResultKind.Transient, DeliveryOutcome.Expired)]
    public void Callback_answer_arriving_after_the_deadline_still_counts(CallbackResultKind kind, DeliveryOutcome outcome)
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle, Request("pre_plan"));
        Assert.IsType<LifecycleStep.SendFinal>(lifecycle.Next(s, T0 + TimeSpan.FromMinutes(59)));
        var late = T0 + TimeSpan.FromHours(1) + Seconds(10);
        // While the final is on its way, the deadline does not end the result behind its back.
        Assert.IsType<LifecycleStep.Sleep>(lifecycle.Next(s, late));
        Answer(lifecycle, s, new CallbackResult(kind, null, "answer"), late);
        Assert.Equal(outcome, s.Delivery);
        Assert.IsType<LifecycleStep.Retain>(lifecycle.Next(s, late));
    }

    [Fact]
    public void A_due_heartbeat_waits_while_an_update_is_on_its_way()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        Assert.IsType<LifecycleStep.SendProgress>(lifecycle.Next(s, T0 + Seconds(5)));
        Progress(lifecycle, s, "Checking plan", T0 + TimeSpan.FromMinutes(5));
        Assert.IsType<LifecycleStep.Sleep>(lifecycle.Next(s, T0 + TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Update_the_sender_never_answers_is_given_up_and_the_final_still_goes()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        Assert.IsType<LifecycleStep.SendProgress>(lifecycle.Next(s, T0 + Seconds(5)));
        var lost = s.Sending!;
        Assert.Equal(T0 + TimeSpan.FromMinutes(9.5) + Seconds(20) + Seconds(30), lost.Until);
        // The progress watchdog gives the verdict at 9.5 minutes; the silent update is called off, then given up.
        Assert.IsType<LifecycleStep.CancelSend>(lifecycle.Next(s, T0 + TimeSpan.FromMinutes(9.5)));
        Assert.Equal(new LifecycleStep.Sleep(lost.Until), lifecycle.Next(s, T0 + TimeSpan.FromMinutes(9.5)));
        var final = Assert.IsType<LifecycleStep.SendFinal>(lifecycle.Next(s, lost.Until));
        Assert.NotEqual(lost.Token, final.Token);
        Assert.False(lifecycle.ApplyCallbackResult(s, lost.Token, Ok, lost.Until));
        Assert.Equal(TaskPhase.CallbackPending, s.Phase);
    }

    [Fact]
    public void Reports_without_the_current_token_change_nothing()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        Assert.False(TaskResultLifecycle.ApplyVerdict(s, "forged", new Verdict(VerdictStatus.Passed, "ok", []), T0 + Seconds(1)));
        Assert.False(lifecycle.ApplyCheckProgress(s, "forged", "Checking plan", T0 + Seconds(1)));
        Assert.IsType<LifecycleStep.SendProgress>(lifecycle.Next(s, T0 + Seconds(5)));
        Assert.False(lifecycle.ApplyCallbackResult(s, "forged", Ok, T0 + Seconds(5)));
        Assert.Equal(TaskPhase.Analysing, s.Phase);
        Assert.Null(s.LastProgressAt);
    }

    [Fact]
    public void Finished_result_keeps_no_access_token()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle, Request("pre_plan"));
        SendAndAnswer(lifecycle, s, Ok, T0);
        Assert.Equal(TaskPhase.Done, s.Phase);
        Assert.Equal("", s.Request!.AccessToken.Value);
        Assert.DoesNotContain("ciphertext", JsonSerializer.Serialize(s), StringComparison.Ordinal);
    }

    /// <summary>Jitter of exactly ×1, so back-off steps read as round numbers.</summary>
    private sealed class MiddleJitter : Random
    {
        public override double NextDouble() => 0.5;
    }
}

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

    private static RunTaskRequest Request(string stage = "post_plan", string? planUrl = "https://app.terraform.io/api/v2/plans/plan-1/json-output") =>
        new("taskrs-1", stage, "https://app.terraform.io/api/v2/task-results/1/callback", planUrl, new AccessToken("ciphertext"), true, "acme", null, "ws", "run-1", "mandatory", false);

    private static TaskResultState Accepted(TaskResultLifecycle lifecycle, RunTaskRequest? request = null)
    {
        var s = new TaskResultState();
        lifecycle.Accept(s, request ?? Request(), T0);
        return s;
    }

    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    [Fact]
    public void New_post_plan_result_starts_a_check_then_sleeps_until_the_first_progress_is_due()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        Assert.Equal(new LifecycleStep.StartCheck(1), lifecycle.Next(s, T0));
        Assert.Equal(TaskPhase.Analysing, s.Phase);
        Assert.Equal(new LifecycleStep.Sleep(T0 + Seconds(5)), lifecycle.Next(s, T0));
    }

    [Fact]
    public void Verdict_within_the_first_progress_window_is_the_only_callback()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        Assert.True(TaskResultLifecycle.ApplyVerdict(s, 1, Failed, T0 + Seconds(4.9)));
        var final = Assert.IsType<LifecycleStep.SendFinal>(lifecycle.Next(s, T0 + Seconds(4.9)));
        Assert.Equal(Failed, final.Verdict);
        Assert.Equal(T0 + TimeSpan.FromHours(1), final.GiveUpAt);
        lifecycle.ApplyFinalResult(s, Ok, T0 + Seconds(5));
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
        lifecycle.ApplyCheckProgress(s, 1, "Checking plan", T0 + Seconds(1));
        var progress = Assert.IsType<LifecycleStep.SendProgress>(lifecycle.Next(s, T0 + Seconds(5)));
        Assert.Equal("Checking plan", progress.Message);
        Assert.Equal(T0 + TimeSpan.FromMinutes(10) - Seconds(30), progress.GiveUpAt);
        lifecycle.ApplyProgressResult(s, progress.Message, Ok, T0 + Seconds(5));
        Assert.Equal(T0 + Seconds(5) + TimeSpan.FromMinutes(4), s.NextHeartbeatAt);
        Assert.Equal(T0 + Seconds(5), s.LastProgressAt);
    }

    [Fact]
    public void A_new_step_is_told_at_once_only_after_the_first_progress_update()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        Assert.False(lifecycle.ApplyCheckProgress(s, 1, "Checking plan", T0 + Seconds(1)));
        lifecycle.ApplyProgressResult(s, "Checking plan", Ok, T0 + Seconds(5));
        Assert.True(lifecycle.ApplyCheckProgress(s, 1, "Checking 120 resource changes", T0 + Seconds(6)));
        Assert.IsType<LifecycleStep.SendProgress>(lifecycle.Next(s, T0 + Seconds(6)));
    }

    [Theory]
    [InlineData("pre_plan", "https://app.terraform.io/plan", VerdictStatus.Passed, "pre_plan")]
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
            lifecycle.ApplyCheckProgress(s, 1, "Checking plan", t);
            if (lifecycle.Next(s, t) is LifecycleStep.SendProgress p)
            {
                lifecycle.ApplyProgressResult(s, p.Message, Ok, t);
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
            lifecycle.ApplyCheckProgress(s, 1, "Checking plan", t);
            if (step is LifecycleStep.SendProgress p)
            {
                lifecycle.ApplyProgressResult(s, p.Message, Unavailable, t);
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
        lifecycle.Next(s, T0);
        var result = Unavailable with { RetryAfter = retryAfter is { } r ? Seconds(r) : null };
        for (var i = 0; i < failures; i++)
        {
            lifecycle.ApplyFinalResult(s, result, T0);
        }

        Assert.Equal(T0 + Seconds(expectedSeconds), s.NextCallbackAt);
        Assert.Equal(new LifecycleStep.Sleep(T0 + Seconds(expectedSeconds)), lifecycle.Next(s, T0));
    }

    [Fact]
    public void Final_that_cannot_be_retried_before_the_total_deadline_expires()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle, Request("pre_plan"));
        lifecycle.Next(s, T0);
        lifecycle.ApplyFinalResult(s, Unavailable with { RetryAfter = TimeSpan.FromMinutes(61) }, T0 + Seconds(1));
        Assert.Equal(DeliveryOutcome.Expired, s.Delivery);
        Assert.Contains("no time left", s.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Pending_final_past_the_total_deadline_expires_instead_of_being_sent()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle, Request("pre_plan"));
        lifecycle.Next(s, T0);
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
        lifecycle.Next(s, T0);
        lifecycle.ApplyFinalResult(s, new CallbackResult(kind, 409, "HTTP 4xx"), T0);
        Assert.Equal(outcome, s.Delivery);
        Assert.Equal(TaskPhase.Done, s.Phase);
    }

    [Fact]
    public void Refused_progress_update_ends_the_result()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        lifecycle.ApplyProgressResult(s, "Fetching plan", new CallbackResult(CallbackResultKind.Rejected, 401, "HTTP 401 (access token refused)"), T0 + Seconds(5));
        Assert.Equal(DeliveryOutcome.Rejected, s.Delivery);
        Assert.IsType<LifecycleStep.Retain>(lifecycle.Next(s, T0 + Seconds(5)));
    }

    [Fact]
    public void Lapsed_lease_restarts_the_check_and_gives_up_after_the_attempt_cap()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        Assert.Equal(new LifecycleStep.StartCheck(1), lifecycle.Next(s, T0));
        lifecycle.ApplyProgressResult(s, "Fetching plan", Ok, T0 + Seconds(5)); // HCP Terraform is told; the check says nothing more
        Assert.IsType<LifecycleStep.Sleep>(lifecycle.Next(s, T0 + Seconds(59)));
        Assert.Equal(new LifecycleStep.StartCheck(2), lifecycle.Next(s, T0 + TimeSpan.FromMinutes(1)));
        Assert.Equal(new LifecycleStep.StartCheck(3), lifecycle.Next(s, T0 + TimeSpan.FromMinutes(2)));
        var final = Assert.IsType<LifecycleStep.SendFinal>(lifecycle.Next(s, T0 + TimeSpan.FromMinutes(3)));
        Assert.Contains("after 3 attempts", final.Verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_from_a_live_check_renews_its_lease()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        lifecycle.ApplyCheckProgress(s, 1, "Fetching plan", T0 + Seconds(50));
        Assert.Equal(T0 + Seconds(110), s.LeaseUntil);
        Assert.IsNotType<LifecycleStep.StartCheck>(lifecycle.Next(s, T0 + Seconds(61)));
    }

    [Fact]
    public void Verdict_of_a_stale_attempt_is_ignored()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle);
        lifecycle.Next(s, T0);
        lifecycle.Next(s, T0 + TimeSpan.FromMinutes(1)); // attempt 2
        Assert.False(TaskResultLifecycle.ApplyVerdict(s, 1, Failed, T0 + TimeSpan.FromMinutes(1)));
        Assert.Equal(TaskPhase.Analysing, s.Phase);
        Assert.True(TaskResultLifecycle.ApplyVerdict(s, 2, Failed, T0 + TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Finished_result_is_forgotten_when_retention_ends()
    {
        var lifecycle = Lifecycle();
        var s = Accepted(lifecycle, Request("pre_plan"));
        lifecycle.Next(s, T0);
        lifecycle.ApplyFinalResult(s, Ok, T0);
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
            () => { t += Seconds(5); lifecycle.ApplyProgressResult(s, "Fetching plan", Ok, t); },
            () => { t += Seconds(5); TaskResultLifecycle.ApplyVerdict(s, 1, Failed, t); },
            () => lifecycle.ApplyFinalResult(s, Unavailable, t),
            () => { t += Seconds(3); lifecycle.ApplyFinalResult(s, Ok, t); },
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

    /// <summary>Jitter of exactly ×1, so back-off steps read as round numbers.</summary>
    private sealed class MiddleJitter : Random
    {
        public override double NextDouble() => 0.5;
    }
}

using System.Diagnostics.Metrics;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Telemetry;

/// <summary>
/// RunTasks' own instruments (meter <see cref="MeterName"/>), exported at /metrics and over OTLP. Names follow
/// OpenTelemetry conventions; Prometheus shows them as e.g. <c>runtasks_hooks_received_total</c>.
/// </summary>
public sealed class RunTasksMetrics
{
    public const string MeterName = "RunTasks";

    private readonly Counter<long> _hooks;
    private readonly Counter<long> _completed;
    private readonly Histogram<double> _finalLatency;
    private readonly Counter<long> _callbackAttempts;
    private readonly Counter<long> _progressSent;
    private readonly Counter<long> _watchdog;
    private readonly Histogram<long> _planBytes;
    private readonly Histogram<double> _analysisDuration;
    private readonly UpDownCounter<long> _inFlight;
    private readonly Counter<long> _waived;

    public RunTasksMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _hooks = meter.CreateCounter<long>("runtasks.hooks.received", "{request}", "Run task requests received, by result (accepted, duplicate, verification, or the refusal).");
        _completed = meter.CreateCounter<long>("runtasks.task_results.completed", "{task_result}", "Task results finished, by stage, verdict and delivery.");
        _finalLatency = meter.CreateHistogram("runtasks.final.latency", "s", "Time from accepting a request to HCP Terraform accepting its final status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });
        _callbackAttempts = meter.CreateCounter<long>("runtasks.callback.attempts", "{attempt}", "Callback PATCHes to HCP Terraform, by kind (progress, final) and outcome.");
        _progressSent = meter.CreateCounter<long>("runtasks.progress.sent", "{update}", "Running updates accepted by HCP Terraform.");
        _watchdog = meter.CreateCounter<long>("runtasks.watchdog.fired", "{event}", "Verdicts forced by the deadline watchdog, by reason (total, progress).");
        _planBytes = meter.CreateHistogram<long>("runtasks.plan.size", "By", "Size of the plan JSON read per analysis.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [10_000, 100_000, 1_000_000, 10_000_000, 50_000_000, 100_000_000, 268_435_456] });
        _analysisDuration = meter.CreateHistogram("runtasks.analysis.duration", "s", "Time to download and check one plan.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
        _waived = meter.CreateCounter<long>("runtasks.findings.waived", "{finding}", "Findings accepted by a live waiver, by rule (rule ids come from the policy files, so the label set stays bounded).");
        _inFlight = meter.CreateUpDownCounter<long>("runtasks.task_results.in_flight", "{task_result}", "Task results activated on this process and not yet done.");
    }

    /// <summary>result: accepted, duplicate, verification, unauthorized, malformed, too_large, unprocessable, unavailable.</summary>
    public void HookReceived(string result) => _hooks.Add(1, new KeyValuePair<string, object?>("result", result));

    public void Completed(string stage, string verdict, string delivery) => _completed.Add(1,
        new KeyValuePair<string, object?>("stage", stage),
        new KeyValuePair<string, object?>("verdict", verdict),
        new KeyValuePair<string, object?>("delivery", delivery));

    public void FinalLatency(TimeSpan sinceAccepted) => _finalLatency.Record(sinceAccepted.TotalSeconds);

    /// <summary>kind: progress or final; outcome: accepted, already_final, transient, rejected (lowercase of the callback result).</summary>
    public void CallbackAttempt(string kind, string outcome) => _callbackAttempts.Add(1,
        new KeyValuePair<string, object?>("kind", kind),
        new KeyValuePair<string, object?>("outcome", outcome));

    public void ProgressSent() => _progressSent.Add(1);

    /// <summary>reason: total (the 60-minute limit) or progress (no update delivered within the progress window).</summary>
    public void WatchdogFired(string reason) => _watchdog.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void PlanBytes(long bytes) => _planBytes.Record(bytes);

    public void AnalysisDuration(TimeSpan duration) => _analysisDuration.Record(duration.TotalSeconds);

    /// <summary>Counts the outcomes of one verdict whose status is Waived, by their Rule tag.</summary>
    public void FindingsWaived(IEnumerable<Outcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        foreach (var rule in outcomes.Where(IsWaived).GroupBy(o => o.Tags.FirstOrDefault(t => t.Key == "Rule")?.Label ?? "unknown", StringComparer.Ordinal))
        {
            _waived.Add(rule.Count(), new KeyValuePair<string, object?>("rule", rule.Key));
        }
    }

    public void InFlightUp() => _inFlight.Add(1);

    public void InFlightDown() => _inFlight.Add(-1);

    private static bool IsWaived(Outcome outcome) => outcome.Tags.Any(t => t is { Key: "Status", Label: "Waived" });
}

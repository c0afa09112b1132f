using System.Diagnostics.Metrics;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Telemetry;

namespace RunTasks.Grains.History;

/// <summary>
/// The results store's instruments, on RunTasks' meter: findings recorded by rule and severity (rule ids come from the
/// policy files, never from plans, so the label set stays bounded), and what became of each entry handed to the recorder.
/// Waived findings by rule are <c>runtasks.findings.waived</c> (<see cref="RunTasksMetrics"/>).
/// </summary>
public sealed class HistoryMetrics
{
    private readonly Counter<long> _findings;
    private readonly Counter<long> _entries;

    public HistoryMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(RunTasksMetrics.MeterName);
        _findings = meter.CreateCounter<long>("runtasks.findings", "{finding}", "Findings recorded in the results store, by rule and severity.");
        _entries = meter.CreateCounter<long>("runtasks.history.entries", "{task_result}",
            "Finished task results handed to the results store, by result: recorded, duplicate (already recorded), dropped (queue full), failed (write gave up).");
    }

    public void Recorded(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries.Add(1, new KeyValuePair<string, object?>("result", "recorded"));
        foreach (var group in entry.Findings.GroupBy(f => (f.RuleId, f.Severity)))
        {
            _findings.Add(group.Count(),
                new KeyValuePair<string, object?>("rule", group.Key.RuleId),
                new KeyValuePair<string, object?>("severity", HistoryText.Of(group.Key.Severity)));
        }
    }

    /// <summary>result: duplicate, dropped or failed.</summary>
    public void Entries(string result, int count) => _entries.Add(count, new KeyValuePair<string, object?>("result", result));
}

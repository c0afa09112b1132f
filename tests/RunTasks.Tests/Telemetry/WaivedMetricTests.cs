using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Telemetry;

namespace RunTasks.Tests.Telemetry;

public sealed class WaivedMetricTests
{
    private static Outcome Outcome(string rule, string status) =>
        new($"{rule}:x", "d", null, [new OutcomeTag("Severity", "High", "error"), new OutcomeTag("Status", status, "none"), new OutcomeTag("Rule", rule, "none")]);

    [Fact]
    public void Waived_findings_are_counted_by_rule()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var metrics = new RunTasksMetrics(factory);
        var counted = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == "runtasks.findings.waived")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var rule = (string)tags.ToArray().Single(t => t.Key == "rule").Value!;
            counted[rule] = counted.GetValueOrDefault(rule) + value;
        });
        listener.Start();

        metrics.FindingsWaived([Outcome("network_exposure", "Waived"), Outcome("network_exposure", "Waived"), Outcome("destroy_guard", "Waived"), Outcome("public_storage", "Denied")]);

        Assert.Equal(new Dictionary<string, long> { ["network_exposure"] = 2, ["destroy_guard"] = 1 }, counted);
    }
}

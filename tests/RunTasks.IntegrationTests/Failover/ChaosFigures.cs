using System.Globalization;

namespace RunTasks.IntegrationTests.Failover;

/// <summary>What HCP Terraform would have seen during one chaos scenario: the figures docs/operations.md tabulates.</summary>
public sealed record ChaosFigures(
    int Hooks,
    int Deliveries,
    int Refusals,
    int Unanswered,
    TimeSpan SlowestAnswer,
    int NeverAccepted,
    int Lost,
    int Duplicates,
    int RepeatedFinals,
    int Interrupted,
    TimeSpan LastInterruptedFinalAfterFault,
    TimeSpan HookToFinalMedian,
    TimeSpan HookToFinalMax)
{
    /// <summary>
    /// Refusals are answers other than 200 (Unanswered: none within the sender's patience); Lost are hooks answered 200
    /// that never got a final callback; Duplicates are task results with more than one final accepted; RepeatedFinals are
    /// finals sent again after one was accepted (answered 409, as HCP Terraform does); Interrupted are hooks answered 200 before the fault whose final came after it.
    /// </summary>
    public static ChaosFigures From(IReadOnlyList<SentHook> hooks, DateTimeOffset faultAt)
    {
        var attempts = hooks.SelectMany(h => h.Attempts).ToList();
        var accepted = hooks.Where(h => h.AcknowledgedAt is not null).ToList();
        var interrupted = accepted
            .Where(h => h.AcknowledgedAt < faultAt && h.Task.Finals.FirstOrDefault() is { } final && final.At > faultAt)
            .Select(h => h.Task.Finals.First().At - faultAt)
            .ToList();
        var hookToFinal = accepted
            .Where(h => h.Task.Finals.Any())
            .Select(h => h.Task.Finals.First().At - h.Attempts.First().SentAt)
            .Order()
            .ToList();
        return new ChaosFigures(
            hooks.Count,
            attempts.Count,
            attempts.Count(a => a.Status != 200),
            attempts.Count(a => a.Status == 0),
            attempts.Count == 0 ? TimeSpan.Zero : attempts.Max(a => a.Latency),
            hooks.Count - accepted.Count,
            accepted.Count(h => !h.Task.Finals.Any()),
            hooks.Count(h => h.Task.Finals.Count() > 1),
            hooks.Sum(h => h.Task.Refused.Count(c => c.Status is "passed" or "failed")),
            interrupted.Count,
            interrupted.Count == 0 ? TimeSpan.Zero : interrupted.Max(),
            hookToFinal.Count == 0 ? TimeSpan.Zero : hookToFinal[hookToFinal.Count / 2],
            hookToFinal.Count == 0 ? TimeSpan.Zero : hookToFinal[^1]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"hooks {Hooks}, deliveries {Deliveries}, refusals {Refusals} ({Unanswered} unanswered), slowest answer {SlowestAnswer.TotalMilliseconds:F0} ms, " +
        $"never accepted {NeverAccepted}, lost {Lost}, duplicate finals {Duplicates}, repeated finals (409) {RepeatedFinals}, interrupted {Interrupted} (last final {LastInterruptedFinalAfterFault.TotalSeconds:F1} s after the fault), " +
        $"hook→final median {HookToFinalMedian.TotalSeconds:F1} s, max {HookToFinalMax.TotalSeconds:F1} s");
}

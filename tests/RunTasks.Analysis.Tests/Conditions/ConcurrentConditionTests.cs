using System.Text;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Conditions;

/// <summary>One policy set checking two plans at once: each verdict depends on its own plan only.</summary>
public sealed class ConcurrentConditionTests
{
    private const int Queues = 50;
    private const int Rounds = 300;

    // `$` and `let` read state JmesPath.Net keeps in the compiled expression, so these two are the ones a shared expression breaks.
    private static readonly IPolicyProvider BadNames = Policy("""
        builtin_rules: false
        custom_rules:
          - id: acme.root-bad
            resource_types: [aws_sqs_queue]
            condition: "$.change.after.name == 'bad'"
          - id: acme.let-bad
            resource_types: [aws_sqs_queue]
            condition: "let $n = change.after.name in $n == 'bad'"
        """);

    [Fact]
    public async Task Parallel_plans_each_get_the_verdict_of_their_own_resources()
    {
        var good = QueuePlan("good");
        var bad = QueuePlan("bad");
        using var start = new Barrier(2);

        var results = await Task.WhenAll(
            Task.Run(() => CheckRepeatedly(good, start)),
            Task.Run(() => CheckRepeatedly(bad, start)));

        Assert.Equal((Rounds, 0, 0), results[0]);
        Assert.Equal((0, Rounds, 0), results[1]);
    }

    private static byte[] QueuePlan(string name) => Encoding.UTF8.GetBytes(Plan([.. Enumerable.Range(0, Queues).Select(i =>
        Change("aws_sqs_queue", """["create"]""", $$"""{"name":"{{name}}"}""", address: $"aws_sqs_queue.q{i}"))]));

    // Counts plans judged all good, plans judged all bad, and plans with anything else (a mixed verdict or a rule failure).
    private static async Task<(int Good, int Bad, int Wrong)> CheckRepeatedly(byte[] plan, Barrier start)
    {
        var analyzer = new PlanAnalyzer(BadNames);
        start.SignalAndWait();
        int good = 0, bad = 0, wrong = 0;
        for (int round = 0; round < Rounds; round++)
        {
            var report = await analyzer.AnalyzeAsync(new MemoryStream(plan), Scope, CancellationToken.None);
            var ruleFindings = report.Findings.Count(f => f.RuleId is "acme.root-bad" or "acme.let-bad");
            if (report.Findings.Count == 0)
            {
                good++;
            }
            else if (ruleFindings == 2 * Queues && report.Findings.Count == ruleFindings)
            {
                bad++;
            }
            else
            {
                wrong++;
            }
        }

        return (good, bad, wrong);
    }
}

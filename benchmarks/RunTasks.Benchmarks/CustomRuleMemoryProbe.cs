using System.Diagnostics;
using System.Globalization;
using System.Text;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Benchmarks;

/// <summary>
/// <c>custom-memory MAX_CUSTOM_RULE_CHANGE_BYTES [root|name]</c>: four plans, each one resource change of about 11 MB (a queue
/// with 520,000 tags), analysed at once under one custom rule (<c>$.change.after.name == 'bad'</c>, which reads the whole change,
/// or <c>change.after.name == 'bad'</c>, which reads one attribute); prints peak working set and the heap after a full GC.
/// </summary>
internal static class CustomRuleMemoryProbe
{
    public static async Task<int> RunAsync(int maxCustomRuleChangeBytes, bool wholeChange)
    {
        var plan = Plan();
        var policy = $"""
            builtin_rules: false
            custom_rules:
              - id: acme.queue-name
                resource_types: [aws_sqs_queue]
                condition: "{(wholeChange ? "$." : "")}change.after.name == 'bad'"
            """;
        var analyzer = new PlanAnalyzer(new StaticPolicyProvider(PolicySet.Parse(policy)), new AnalysisLimits { MaxCustomRuleChangeBytes = maxCustomRuleChangeBytes });
        var scope = new EvaluationScope("acme", null, "bench", "post_plan");
        var stopwatch = Stopwatch.StartNew();
        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () => await analyzer.AnalyzeAsync(new MemoryStream(plan, writable: false), scope, CancellationToken.None))));
        stopwatch.Stop();
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(
            $"max_custom_rule_change_bytes={maxCustomRuleChangeBytes} reads={(wholeChange ? "root" : "name")} change_mb={plan.Length / 1_048_576.0:F1} plans=4 seconds={stopwatch.Elapsed.TotalSeconds:F1} " +
            $"peak_working_set_mb={process.PeakWorkingSet64 / 1_048_576.0:F0} heap_after_full_gc_mb={GC.GetTotalMemory(forceFullCollection: true) / 1_048_576.0:F1} " +
            $"findings={string.Join('|', reports[0].Findings.Select(f => f.RuleId))} passed={reports[0].Passed}");
        GC.KeepAlive(analyzer);
        return 0;
    }

    private static byte[] Plan()
    {
        var json = new StringBuilder("""{"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[{"address":"aws_sqs_queue.big","mode":"managed","type":"aws_sqs_queue","name":"big","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":{"name":"good","tags":{""");
        for (int i = 0; i < 520_000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"\"k{i:D7}\":\"v{i:D7}\"");
        }

        json.Append("""}},"after_unknown":{},"before_sensitive":false,"after_sensitive":{}}}]}""");
        return Encoding.UTF8.GetBytes(json.ToString());
    }
}

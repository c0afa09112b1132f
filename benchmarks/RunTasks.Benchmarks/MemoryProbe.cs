using System.Diagnostics;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Benchmarks;

/// <summary>
/// <c>memory N</c>: analyses the N-resource plan once in this fresh process and prints peak working set and GC heap,
/// so flat memory across plan sizes can be shown (BenchmarkDotNet reports allocated bytes, not the peak).
/// </summary>
internal static class MemoryProbe
{
    public static async Task<int> RunAsync(int resources, bool withoutPolicies = false)
    {
        var path = BenchmarkPlans.PathFor(resources);
        var analyzer = new PlanAnalyzer(withoutPolicies ? new StaticPolicyProvider([]) : DefaultPolicies.Provider);
        var scope = new EvaluationScope("acme", null, "bench", "post_plan");
        var stopwatch = Stopwatch.StartNew();
        AnalysisReport report;
        await using (var stream = BenchmarkPlans.Open(path))
        {
            report = await analyzer.AnalyzeAsync(stream, scope, CancellationToken.None);
        }

        stopwatch.Stop();
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        var megabytes = new FileInfo(path).Length / 1_048_576.0;
        Console.WriteLine(
            $"resources={resources} size_mb={megabytes:F1} seconds={stopwatch.Elapsed.TotalSeconds:F2} (cold, one run) " +
            $"peak_working_set_mb={process.PeakWorkingSet64 / 1_048_576.0:F1} max_gc_heap_mb={gc.HeapSizeBytes / 1_048_576.0:F1} " +
            $"total_allocated_mb={GC.GetTotalAllocatedBytes() / 1_048_576.0:F1} findings={report.Findings.Count} passed={report.Passed}");
        return 0;
    }
}

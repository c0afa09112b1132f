using System.Globalization;
using BenchmarkDotNet.Attributes;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Benchmarks;

/// <summary>
/// The 100k-change synthetic plan with the default policies, without waivers and with 10,000 of them: one for every
/// finding of the plan (exact addresses, as <c>runtasks baseline</c> writes them), 100 address globs, and the rest exact
/// waivers of other workspaces' resources. Target: within 10 % of no waivers.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
[MemoryDiagnoser]
public class WaiverBenchmarks
{
    private const int WaiverCount = 10_000;
    private static readonly EvaluationScope Scope = new("acme", "Default Project", "bench", "post_plan");
    private static readonly DateTimeOffset Expires = DateTimeOffset.UtcNow.AddDays(200);

    private readonly PlanAnalyzer _plain = new(DefaultPolicies.Provider);
    private PlanAnalyzer _waived = null!;
    private string _path = string.Empty;

    [Params(100_000)]
    public int Resources { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkPlans.PathFor(Resources);
        List<Finding> findings;
        using (var stream = BenchmarkPlans.Open(_path))
        {
            findings = [.. _plain.AnalyzeAsync(stream, Scope, CancellationToken.None).AsTask().GetAwaiter().GetResult().Findings];
        }

        var rules = findings.Select(f => f.RuleId).Distinct().ToList();
        var waivers = findings.Select((f, i) => Make($"F-{i}", f.RuleId, f.Address, "bench")).ToList();
        for (int i = 0; i < 100; i++)
        {
            waivers.Add(Make($"G-{i}", rules[i % rules.Count], $"module.team{i}.*", "bench"));
        }

        for (int i = waivers.Count; i < WaiverCount; i++)
        {
            waivers.Add(Make($"O-{i}", rules[i % rules.Count], $"module.other.aws_s3_bucket.b{i}", $"other-{i % 50}"));
        }

        _waived = new PlanAnalyzer(new StaticPolicyProvider([DefaultPolicies.Set], new WaiverSet(waivers)), AnalysisLimits.Default, TimeProvider.System, WaiverOptions.Default);
        Console.WriteLine($"// {findings.Count} findings, {waivers.Count} waivers");
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> NoWaivers()
    {
        await using var stream = BenchmarkPlans.Open(_path);
        return (await _plain.AnalyzeAsync(stream, Scope, CancellationToken.None)).Passed;
    }

    [Benchmark]
    public async Task<bool> TenThousandWaivers()
    {
        await using var stream = BenchmarkPlans.Open(_path);
        return (await _waived.AnalyzeAsync(stream, Scope, CancellationToken.None)).Passed;
    }

    private static Waiver Make(string id, string rule, string address, string workspace) => new(
        id, rule, [address], ["acme"], [], [workspace], [], "Benchmark.", "owner@acme.example", "security@acme.example", null,
        Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Expires);
}

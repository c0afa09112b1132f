using System.Globalization;
using BenchmarkDotNet.Running;
using RunTasks.Benchmarks;

if (args is ["memory", var count, ..])
{
    return await MemoryProbe.RunAsync(int.Parse(count, CultureInfo.InvariantCulture), args is [_, _, "--no-policies"]);
}

if (args is ["custom-memory", var limit, ..])
{
    return await CustomRuleMemoryProbe.RunAsync(int.Parse(limit, CultureInfo.InvariantCulture), args is not [_, _, "name"]);
}

if (args is ["conditions"])
{
    return ConditionSharing.Run();
}

BenchmarkSwitcher.FromAssembly(typeof(PlanAnalysisBenchmarks).Assembly).Run(args);
return 0;

using System.Globalization;
using BenchmarkDotNet.Running;
using RunTasks.Benchmarks;

if (args is ["memory", var count, ..])
{
    return await MemoryProbe.RunAsync(int.Parse(count, CultureInfo.InvariantCulture), args is [_, _, "--no-policies"]);
}

switch (args)
{
    case ["custom-memory", var limit, ..]:
        return await CustomRuleMemoryProbe.RunAsync(int.Parse(limit, CultureInfo.InvariantCulture), args is not [_, _, "name"]);
    case ["conditions"]:
        return ConditionSharing.Run();
    case ["config-generate", var path, ..]:
        return await ConfigurationProbe.GenerateAsync(path, args is [_, _, var files] ? int.Parse(files, CultureInfo.InvariantCulture) : 10_000);
    case ["config", var path]:
        return await ConfigurationProbe.CheckAsync(path);
    case ["config-bomb"]:
        return await ConfigurationProbe.BombAsync();
    default:
        break;
}

BenchmarkSwitcher.FromAssembly(typeof(PlanAnalysisBenchmarks).Assembly).Run(args);
return 0;

using System.Globalization;
using RunTasks.PlanGenerator;

namespace RunTasks.Benchmarks;

/// <summary>Generates the synthetic plans once into the temp directory and reuses them across runs.</summary>
internal static class BenchmarkPlans
{
    public static string PathFor(int resources)
    {
        var path = Path.Combine(Path.GetTempPath(), "runtasks-bench", $"plan-{resources.ToString(CultureInfo.InvariantCulture)}.json");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var partial = path + ".partial";
            using (var stream = File.Create(partial))
            {
                SyntheticPlan.WriteAsync(stream, new SyntheticPlanOptions(resources), CancellationToken.None).GetAwaiter().GetResult();
            }

            File.Move(partial, path, overwrite: true);
        }

        return path;
    }

    public static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
}

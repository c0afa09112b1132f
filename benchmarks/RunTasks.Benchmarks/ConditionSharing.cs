using System.Collections.Concurrent;
using System.Diagnostics;
using DevLab.JmesPath;
using DevLab.JmesPath.Expressions;
using DevLab.JmesPath.Functions;
using DevLab.JmesPath.Interop;
using Newtonsoft.Json.Linq;

namespace RunTasks.Benchmarks;

/// <summary>
/// <c>conditions</c>: what keeping JmesPath.Net expressions apart costs. A compiled expression holds the document it evaluates,
/// so concurrent analyses need a lock per expression or copies of their own; this times both (the copy taken from a pool and
/// reset after use, as CustomRule does), and one compilation.
/// </summary>
internal static class ConditionSharing
{
    private const string Condition = "let $n = change.after.name in $n == 'bad' || contains(values(change.after.tags), 'x')";
    private const int Evaluations = 1_000_000;
    private static readonly JValue Nothing = JValue.CreateNull();

    public static int Run()
    {
        var document = JToken.Parse("""{"type":"aws_sqs_queue","change":{"after":{"name":"good","tags":{"a":"b","c":"d"}}}}""");
        var compile = Stopwatch.StartNew();
        for (int i = 0; i < 10_000; i++)
        {
            Compile();
        }

        compile.Stop();
        var shared = Compile();
        var gate = new object();
        var locked = Time(() =>
        {
            lock (gate)
            {
                shared.Expression.Transform(document);
                Forget(shared);
            }
        });
        var pool = new ConcurrentBag<(JmesPathExpression Expression, JmesPathFunction[] Functions)>();
        var pooled = Time(() =>
        {
            var copy = pool.TryTake(out var idle) ? idle : Compile();
            copy.Expression.Transform(document);
            Forget(copy);
            pool.Add(copy);
        });
        Console.WriteLine(
            $"compile_us={compile.Elapsed.TotalMicroseconds / 10_000:F1} two_threads_ns_per_evaluation: " +
            $"lock_per_expression={locked:F0} pooled_copy={pooled:F0} ({Evaluations:N0} evaluations per thread, load average {LoadAverage()})");
        return 0;
    }

    // Both variants forget the document after each evaluation, as the service must (docs/performance.md).
    private static void Forget((JmesPathExpression Expression, JmesPathFunction[] Functions) compiled)
    {
        ((IScopeHolder)compiled.Expression).Scopes.SetRoot(Nothing);
        foreach (var function in compiled.Functions)
        {
            function.SetContext(Nothing);
        }
    }

    private static (JmesPathExpression Expression, JmesPathFunction[] Functions) Compile()
    {
        var parser = new JmesPath();
        var repository = (IFunctionRepository)parser.FunctionRepository;
        return (parser.Parse(Condition), [repository["values"], repository["contains"]]);
    }

    private static double Time(Action evaluate)
    {
        var stopwatch = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            for (int i = 0; i < Evaluations; i++)
            {
                evaluate();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return stopwatch.Elapsed.TotalNanoseconds / (2.0 * Evaluations);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}

using System.Collections.Concurrent;
using DevLab.JmesPath.Expressions;
using Newtonsoft.Json.Linq;

namespace RunTasks.Analysis.Conditions;

/// <summary>
/// Compiled copies of one condition, one per concurrent evaluation: a copy holds the document it evaluates, so two analyses
/// never share one (docs/performance.md compares this with a lock per rule).
/// </summary>
internal sealed class ConditionPool(string condition)
{
    // More idle copies than concurrent analyses would only hold memory; extra copies are compiled and dropped.
    private const int MaxIdle = 16;

    private readonly ConcurrentBag<CompiledCondition> _idle = [];
    private int _idleCount;

    public JmesPathArgument Evaluate(JToken document)
    {
        if (_idle.TryTake(out var compiled))
        {
            Interlocked.Decrement(ref _idleCount);
        }
        else
        {
            compiled = new CompiledCondition(condition);
        }

        try
        {
            return compiled.Evaluate(document);
        }
        finally
        {
            // ConcurrentBag.Count locks every thread's list; a counter keeps returning a copy cheap.
            if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Add(compiled);
            }
            else
            {
                Interlocked.Decrement(ref _idleCount);
            }
        }
    }
}

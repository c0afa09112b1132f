using System.Collections.Concurrent;
using DevLab.JmesPath.Expressions;
using Newtonsoft.Json.Linq;

namespace RunTasks.Analysis.Rules;

/// <summary>
/// Compiled copies of one condition, one per concurrent evaluation: a copy holds the document it evaluates, so two analyses
/// never share one (docs/performance.md compares this with a lock per rule).
/// </summary>
internal sealed class ConditionPool(string condition)
{
    // More idle copies than concurrent analyses would only hold memory; extra copies are compiled and dropped.
    private const int MaxIdle = 16;

    private readonly ConcurrentBag<CompiledCondition> _idle = [];

    public JmesPathArgument Evaluate(JToken document)
    {
        if (!_idle.TryTake(out var compiled))
        {
            compiled = new CompiledCondition(condition);
        }

        try
        {
            return compiled.Evaluate(document);
        }
        finally
        {
            if (_idle.Count < MaxIdle)
            {
                _idle.Add(compiled);
            }
        }
    }
}

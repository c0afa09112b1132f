using DevLab.JmesPath.Functions;
using Newtonsoft.Json.Linq;

namespace RunTasks.Analysis.Conditions.Functions;

/// <summary>
/// <c>contains_any(values, candidates)</c>: true when any of <c>values</c> equals any of <c>candidates</c>. Either side may be
/// an array or a single value; null is an empty list. <c>contains_any(change.after.runtime, ['python3.8', 'nodejs16.x'])</c>.
/// </summary>
internal sealed class ContainsAnyFunction : JmesPathFunction
{
    public ContainsAnyFunction()
        : base("contains_any", 2)
    {
    }

    public override JToken Execute(params JmesPathFunctionArgument[] args)
    {
        var candidates = FunctionArguments.Items(args[1]).ToList();
        return FunctionArguments.Items(args[0]).Any(value => candidates.Any(candidate => JToken.DeepEquals(value, candidate)));
    }
}

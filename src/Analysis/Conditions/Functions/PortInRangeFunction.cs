using DevLab.JmesPath.Functions;
using Newtonsoft.Json.Linq;

namespace RunTasks.Analysis.Conditions.Functions;

/// <summary>
/// <c>port_in_range(from, to, ports)</c> and <c>port_in_range(range, ports)</c>: true when any of <c>ports</c> (a number, a
/// numeric string or an array of them) lies in the inclusive range. The two-argument form reads the ranges clouds write as
/// strings: <c>"22"</c>, <c>"1000-2000"</c>, <c>"*"</c> (every port), or an array of them (any range). Null or empty bounds
/// and ranges mean no port. <c>port_in_range(change.after.from_port, change.after.to_port, `[445, 2049]`)</c>,
/// <c>port_in_range(['80', '135-139'], `137`)</c>.
/// </summary>
internal sealed class PortInRangeFunction : JmesPathFunction
{
    private const string FunctionName = "port_in_range";

    public PortInRangeFunction()
        : base(FunctionName, 2, 3)
    {
    }

    public override JToken Execute(params JmesPathFunctionArgument[] args)
    {
        var ranges = args.Length == 3
            ? [(FunctionArguments.Integer(args[0].Token, FunctionName), FunctionArguments.Integer(args[1].Token, FunctionName))]
            : FunctionArguments.Items(args[0]).Select(ParseRange).ToList();
        var ports = FunctionArguments.Items(args[^1]).Select(port => FunctionArguments.Integer(port, FunctionName)).OfType<long>().ToList();
        return ranges.Any(range => range is (long low, long high) && ports.Any(p => p >= low && p <= high));
    }

    private static (long? From, long? To) ParseRange(JToken? token)
    {
        if (token is { Type: JTokenType.String } && token.Value<string>()!.Trim() is var text)
        {
            if (text == "*")
            {
                return (0, 65535);
            }

            var dash = text.Length > 1 ? text.IndexOf('-', 1) : -1;
            if (dash > 0)
            {
                return (FunctionArguments.Integer(text[..dash].Trim(), FunctionName), FunctionArguments.Integer(text[(dash + 1)..].Trim(), FunctionName));
            }
        }

        var single = FunctionArguments.Integer(token, FunctionName);
        return (single, single);
    }
}

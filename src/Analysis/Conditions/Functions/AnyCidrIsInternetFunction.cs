using DevLab.JmesPath.Functions;
using Newtonsoft.Json.Linq;
using RunTasks.Analysis.Network;

namespace RunTasks.Analysis.Conditions.Functions;

/// <summary>
/// <c>any_cidr_is_internet(cidrs)</c>: true when a source list opens to the whole internet — an alias such as "*",
/// "Internet" or "Any", 0.0.0.0/0 or ::/0, or ranges that together reach a /8's worth of public addresses, the same
/// definition as the built-in rules (<see cref="InternetSources"/>). Accepts a string or an array; null and non-address
/// items are ignored.
/// </summary>
internal sealed class AnyCidrIsInternetFunction : JmesPathFunction
{
    public AnyCidrIsInternetFunction()
        : base("any_cidr_is_internet", 1)
    {
    }

    public override JToken Execute(params JmesPathFunctionArgument[] args) => InternetSources.Reaches(FunctionArguments.Strings(args[0]));
}

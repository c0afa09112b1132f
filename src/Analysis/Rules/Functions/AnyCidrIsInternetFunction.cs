using DevLab.JmesPath.Functions;
using Newtonsoft.Json.Linq;

namespace RunTasks.Analysis.Rules.Functions;

/// <summary>
/// <c>any_cidr_is_internet(cidrs)</c>: true when a source list opens to the whole internet — an alias such as "*",
/// "Internet" or "Any", 0.0.0.0/0 or ::/0, or ranges that together cover every public address
/// (<c>["0.0.0.0/1", "128.0.0.0/1"]</c>). Accepts a string or an array; null and non-address items are ignored.
/// </summary>
internal sealed class AnyCidrIsInternetFunction : JmesPathFunction
{
    public AnyCidrIsInternetFunction()
        : base("any_cidr_is_internet", 1)
    {
    }

    public override JToken Execute(params JmesPathFunctionArgument[] args)
    {
        var ranges = new List<AddressRange>();
        foreach (var text in FunctionArguments.Strings(args[0]))
        {
            if (AddressRange.IsAnywhereAlias(text))
            {
                return true;
            }

            if (AddressRange.TryParse(text, out var range))
            {
                ranges.Add(range);
            }
        }

        return ranges.Count > 0 && PublicAddressSpace.CoveredBy(ranges);
    }
}

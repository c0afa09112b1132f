using DevLab.JmesPath.Functions;
using Newtonsoft.Json.Linq;
using RunTasks.Analysis.Network;

namespace RunTasks.Analysis.Conditions.Functions;

/// <summary>
/// <c>cidr_is_public(cidr)</c>: true when the range holds at least one public address — <c>"8.8.8.0/24"</c>, <c>"0.0.0.0/0"</c>,
/// <c>"Internet"</c> — and false for private, loopback, link-local, shared and documentation space (<c>"10.1.0.0/16"</c>,
/// <c>"fd00::/8"</c>) and for names that are not addresses (<c>"VirtualNetwork"</c>, <c>"sg-0123"</c>). With an array, true when any item is.
/// </summary>
internal sealed class CidrIsPublicFunction : JmesPathFunction
{
    public CidrIsPublicFunction()
        : base("cidr_is_public", 1)
    {
    }

    public override JToken Execute(params JmesPathFunctionArgument[] args) =>
        FunctionArguments.Strings(args[0]).Any(text =>
            AddressRange.IsAnywhereAlias(text) || (AddressRange.TryParse(text, out var range) && PublicAddressSpace.Overlaps(range)));
}

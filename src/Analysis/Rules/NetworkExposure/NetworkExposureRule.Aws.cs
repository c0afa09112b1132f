using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Network;
using RunTasks.Analysis.Plans;

namespace RunTasks.Analysis.Rules.NetworkExposure;

/// <summary>AWS ingress rules: inline in a security group, a security group rule, or a VPC ingress rule.</summary>
internal sealed partial class NetworkExposureRule
{
    private void CheckAws(ResourceChange change, RuleContext context, PlanValue rule, PlanValue ipv4, PlanValue ipv6, PlanValue protocol)
    {
        if (ipv4.AnyUnknown() || ipv6.AnyUnknown())
        {
            context.ReportUnknown(change, ipv4.AnyUnknown() ? ipv4 : ipv6, "the ingress source");
            return;
        }

        var open = InternetSources.Describe(ipv4.Strings().Concat(ipv6.Strings()), _internetPrefix);
        if (open is null)
        {
            return;
        }

        var sensitiveSource = ipv4.AnySensitive() || ipv6.AnySensitive();
        var from = rule["from_port"];
        var to = rule["to_port"];
        if (protocol.IsUnknown || from.IsUnknown || to.IsUnknown)
        {
            context.ReportUnknown(change, protocol.IsUnknown ? protocol : from.IsUnknown ? from : to, "the exposed ports");
            return;
        }

        var proto = protocol.AsString()?.ToLowerInvariant();
        if (proto is "icmp" or "1" or "icmpv6" or "58")
        {
            return;
        }

        var exposed = proto is "-1" or "all"
            ? Exposure(0, 65535)
            : Exposure(from.AsInt64() ?? 0, to.AsInt64() ?? 65535);
        Report(change, context, rule, open, exposed, sensitiveSource, protocol.AnySensitive() || from.AnySensitive() || to.AnySensitive());
    }
}

using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Network;
using RunTasks.Analysis.Plans;

namespace RunTasks.Analysis.Rules.NetworkExposure;

/// <summary>Google firewalls (google_compute_firewall).</summary>
internal sealed partial class NetworkExposureRule
{
    private void CheckGoogle(ResourceChange change, RuleContext context, PlanValue after)
    {
        var direction = after["direction"];
        if (direction.IsUnknown || (direction.IsSet && !string.Equals(direction.AsString(), "INGRESS", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        if (after["disabled"].AsBool() == true)
        {
            return;
        }

        var sources = after["source_ranges"];
        if (sources.AnyUnknown())
        {
            context.ReportUnknown(change, sources, "the firewall source ranges");
            return;
        }

        var open = InternetSources.Describe(sources.Strings(), _internetPrefix);
        if (open is null)
        {
            return;
        }

        foreach (var allow in after["allow"].Items())
        {
            var protocol = allow["protocol"].AsString()?.ToLowerInvariant();
            if (protocol is "icmp" or "ipv6-icmp" or "icmpv6")
            {
                continue;
            }

            var ports = allow["ports"];
            if (ports.AnyUnknown())
            {
                context.ReportUnknown(change, ports, "the exposed ports");
                continue;
            }

            var texts = ports.Strings().ToList();
            var exposed = protocol == "all" || texts.Count == 0
                ? Exposure(0, 65535)
                : texts.SelectMany(ExposureOf).Distinct().ToList();
            Report(change, context, allow, open, exposed, sources.AnySensitive(), ports.AnySensitive());
        }
    }
}

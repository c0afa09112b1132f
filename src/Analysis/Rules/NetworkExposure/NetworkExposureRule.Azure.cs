using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Network;
using RunTasks.Analysis.Plans;

namespace RunTasks.Analysis.Rules.NetworkExposure;

/// <summary>Azure network security rules, alone or inside a network security group.</summary>
internal sealed partial class NetworkExposureRule
{
    private void CheckAzure(ResourceChange change, RuleContext context, PlanValue rule)
    {
        var direction = rule["direction"];
        var access = rule["access"];
        if (direction.IsUnknown || access.IsUnknown)
        {
            context.ReportUnknown(change, direction.IsUnknown ? direction : access, "the rule direction and access");
            return;
        }

        if (!string.Equals(direction.AsString(), "Inbound", StringComparison.OrdinalIgnoreCase)
            || !string.Equals(access.AsString(), "Allow", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var prefix = rule["source_address_prefix"];
        var prefixes = rule["source_address_prefixes"];
        if (prefix.IsUnknown || prefixes.AnyUnknown())
        {
            context.ReportUnknown(change, prefix.IsUnknown ? prefix : prefixes, "the rule source");
            return;
        }

        var open = InternetSources.Describe(prefix.Strings().Concat(prefixes.Strings()), _internetPrefix);
        if (open is null)
        {
            return;
        }

        if (string.Equals(rule["protocol"].AsString(), "Icmp", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var range = rule["destination_port_range"];
        var ranges = rule["destination_port_ranges"];
        if (range.IsUnknown || ranges.AnyUnknown())
        {
            context.ReportUnknown(change, range.IsUnknown ? range : ranges, "the exposed ports");
            return;
        }

        var exposed = new List<string>();
        foreach (var text in range.Strings().Concat(ranges.Strings()))
        {
            exposed.AddRange(ExposureOf(text));
        }

        Report(change, context, rule, open, exposed.Distinct().ToList(), prefix.AnySensitive() || prefixes.AnySensitive(), range.AnySensitive() || ranges.AnySensitive());
    }
}

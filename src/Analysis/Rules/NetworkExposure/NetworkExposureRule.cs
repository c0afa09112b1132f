using System.Globalization;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Network;
using RunTasks.Analysis.Plans;

namespace RunTasks.Analysis.Rules.NetworkExposure;

/// <summary>Reports ingress from the whole internet to administrative or database ports, or to every port.</summary>
internal sealed partial class NetworkExposureRule(Severity severity, IEnumerable<int>? ports, bool flagAllPorts, int internetPrefix = InternetSources.DefaultPrefix) : IResourceRule
{
    /// <summary>The rule's identity and how a policy set's <c>rules.network_exposure</c> turns into it.</summary>
    public static readonly BuiltInRule BuiltIn = BuiltInRule.For<NetworkExposureSettings>(
        new RuleDescriptor("network_exposure", "Network exposure to the internet", "Ingress from the whole internet "
            + "(also as several ranges that together cover it) to administrative or database ports or to every port, "
            + "publicly accessible managed databases, and Kubernetes control planes (EKS, GKE, AKS) reachable from "
            + "the internet.",
            Severity.Error),
        (settings, severity, rules) => rules.Resource.Add(new NetworkExposureRule(severity, settings.Ports, settings.FlagAllPorts, settings.InternetPrefix)),
        validate: settings => settings.Ports?.Any(p => p is < 0 or > 65535) == true ? "ports must be between 0 and 65535"
            : !InternetSources.IsValidPrefix(settings.InternetPrefix) ? "internet_prefix must be between 1 and 32" : null);

    public static readonly IReadOnlyDictionary<int, string> DefaultPorts = new Dictionary<int, string>
    {
        [22] = "SSH",
        [23] = "Telnet",
        [3389] = "RDP",
        [5985] = "WinRM",
        [5986] = "WinRM over TLS",
        [5900] = "VNC",
        [1433] = "SQL Server",
        [1521] = "Oracle",
        [3306] = "MySQL",
        [5432] = "PostgreSQL",
        [6379] = "Redis",
        [9200] = "Elasticsearch",
        [9300] = "Elasticsearch transport",
        [27017] = "MongoDB",
        [5984] = "CouchDB",
        [9042] = "Cassandra",
        [11211] = "Memcached",
        [2379] = "etcd",
    };

    private const string AllPorts = "all ports";

    private const string Why = "Anything on the internet can reach this port; administrative and database ports are "
        + "scanned within minutes of exposure and are the usual way in for brute force and known exploits.";
    private const string Fix = "Restrict the source to known ranges (office, VPN, load balancer security group), or "
        + "reach the service through a bastion, SSM Session Manager, IAP or Azure Bastion instead of opening it to "
        + "0.0.0.0/0 or ::/0.";

    private readonly Severity _severity = severity;
    private readonly SortedDictionary<int, string> _ports = ports is null
            ? new SortedDictionary<int, string>(DefaultPorts.ToDictionary(p => p.Key, p => p.Value))
            : new SortedDictionary<int, string>(ports.Distinct().ToDictionary(p => p, p => DefaultPorts.TryGetValue(p, out var name) ? name : "port " + p.ToString(CultureInfo.InvariantCulture)));
    private readonly bool _flagAllPorts = flagAllPorts;
    private readonly int _internetPrefix = internetPrefix;

    public string Id => BuiltIn.Id;

    public void Evaluate(ResourceChange change, RuleContext context)
    {
        if (!context.Judges(change))
        {
            return;
        }

        var after = change.After;
        switch (change.Type)
        {
            case "aws_security_group" or "aws_default_security_group":
                if (After(change, context, after["ingress"], "its ingress rules"))
                {
                    foreach (var rule in after["ingress"].Items())
                    {
                        CheckAws(change, context, rule, rule["cidr_blocks"], rule["ipv6_cidr_blocks"], rule["protocol"]);
                    }
                }

                break;
            case "aws_security_group_rule":
                var type = after["type"];
                if (After(change, context, type, "the rule direction") && type.AsString() == "ingress")
                {
                    CheckAws(change, context, after, after["cidr_blocks"], after["ipv6_cidr_blocks"], after["protocol"]);
                }

                break;
            case "aws_vpc_security_group_ingress_rule":
                CheckAws(change, context, after, after["cidr_ipv4"], after["cidr_ipv6"], after["ip_protocol"]);
                break;
            case "azurerm_network_security_rule":
                CheckAzure(change, context, after);
                break;
            case "azurerm_network_security_group":
                if (After(change, context, after["security_rule"], "its security rules"))
                {
                    foreach (var rule in after["security_rule"].Items())
                    {
                        CheckAzure(change, context, rule);
                    }
                }

                break;
            case "google_compute_firewall":
                CheckGoogle(change, context, after);
                break;
            default:
                if (PublicEndpoints.Handles(change.Type))
                {
                    PublicEndpoints.Evaluate(change, context, _severity, _internetPrefix);
                }

                break;
        }
    }

    private static bool After(ResourceChange change, RuleContext context, PlanValue value, string check)
    {
        if (value.IsUnknown)
        {
            context.ReportUnknown(change, value, check);
            return false;
        }

        return true;
    }

    private void Report(ResourceChange change, RuleContext context, PlanValue rule, string source, List<string> exposed, bool sensitiveSource, bool sensitivePorts)
    {
        if (exposed.Count == 0)
        {
            return;
        }

        // The finding says what was judged, never a value the plan marks sensitive.
        var from = sensitiveSource ? "the internet " + FindingText.SensitiveNote : source;
        var what = sensitivePorts
            ? (exposed[0] == AllPorts ? AllPorts : "an administrative or database port") + " " + FindingText.SensitiveNote
            : exposed.Count <= 4 ? string.Join(", ", exposed) : string.Join(", ", exposed.Take(4)) + $" and {exposed.Count - 4} more";
        context.Report(Id, _severity, change, $"{change.Address} allows ingress from {from} to {what}", rule, Why, Fix);
    }

    private IEnumerable<string> ExposureOf(string range)
    {
        var text = range.Trim();
        if (text is "*" or "" or "0-65535" or "1-65535")
        {
            return Exposure(0, 65535);
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? Exposure(port, port) : [];
        }

        return long.TryParse(text.AsSpan(0, dash), NumberStyles.Integer, CultureInfo.InvariantCulture, out var from)
            && long.TryParse(text.AsSpan(dash + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var to)
            ? Exposure(from, to)
            : [];
    }

    private List<string> Exposure(long from, long to)
    {
        if (from <= 1 && to >= 65535)
        {
            return _flagAllPorts ? [AllPorts] : [];
        }

        return _ports
            .Where(p => p.Key >= from && p.Key <= to)
            .Select(p => p.Key.ToString(CultureInfo.InvariantCulture) + " (" + p.Value + ")")
            .ToList();
    }
}

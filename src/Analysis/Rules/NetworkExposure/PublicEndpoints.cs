using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Network;
using RunTasks.Analysis.Plans;

namespace RunTasks.Analysis.Rules.NetworkExposure;

/// <summary>Managed databases and Kubernetes control planes reachable from the internet: part of network exposure.</summary>
internal static class PublicEndpoints
{
    // Resource types whose publicly_accessible = true gives the endpoint a public address.
    private static readonly HashSet<string> PubliclyAccessibleTypes =
    [
        "aws_db_instance", "aws_rds_cluster_instance", "aws_neptune_cluster_instance", "aws_redshift_cluster",
        "aws_redshiftserverless_workgroup", "aws_dms_replication_instance", "aws_mq_broker", "aws_lightsail_database",
    ];

    private const string DatabaseWhy = "A database with a public endpoint can be reached from anywhere its security "
        + "group or firewall allows; one mistaken rule, a leaked password or an unpatched engine then exposes the "
        + "data directly.";
    private const string DatabaseFix = "Set `publicly_accessible = false` and reach the database through the VPC (VPN, "
        + "bastion, SSM port forwarding, PrivateLink).";
    private const string ClusterWhy = "The Kubernetes API server is the cluster's control plane; reachable from the "
        + "internet it is exposed to credential stuffing, token leaks and API server vulnerabilities.";

    public static bool Handles(string type) =>
        PubliclyAccessibleTypes.Contains(type) || type is "aws_eks_cluster" or "google_container_cluster" or "azurerm_kubernetes_cluster" or "google_sql_database_instance";

    public static void Evaluate(ResourceChange change, RuleContext context, Severity severity, int prefix)
    {
        var after = change.After;
        switch (change.Type)
        {
            case "aws_eks_cluster":
                foreach (var vpc in after["vpc_config"].Items())
                {
                    CheckEks(change, context, severity, prefix, vpc);
                }

                break;
            case "google_container_cluster":
                CheckGke(change, context, severity, prefix, after);
                break;
            case "azurerm_kubernetes_cluster":
                CheckAks(change, context, severity, prefix, after);
                break;
            case "google_sql_database_instance":
                foreach (var ip in after["settings"].Items().SelectMany(s => s["ip_configuration"].Items()))
                {
                    CheckCloudSql(change, context, severity, prefix, ip);
                }

                break;
            default:
                CheckPubliclyAccessible(change, context, severity, after["publicly_accessible"]);
                break;
        }
    }

    private static void CheckPubliclyAccessible(ResourceChange change, RuleContext context, Severity severity, PlanValue flag)
    {
        if (flag.IsUnknown)
        {
            context.ReportUnknown(change, flag, "public accessibility");
        }
        else if (flag.AsBool() == true)
        {
            var shown = flag.AnySensitive() ? $"publicly_accessible {FindingText.SensitiveNote}" : "publicly_accessible = true";
            context.Report(NetworkExposureRule.BuiltIn.Id, severity, change, $"{change.Address} has a public endpoint ({shown})", flag, DatabaseWhy, DatabaseFix);
        }
    }

    private static void CheckEks(ResourceChange change, RuleContext context, Severity severity, int prefix, PlanValue vpc)
    {
        var endpoint = vpc["endpoint_public_access"];
        if (endpoint.IsUnknown)
        {
            context.ReportUnknown(change, endpoint, "public access to the cluster endpoint");
            return;
        }

        // The provider's default is a public endpoint open to 0.0.0.0/0.
        if (endpoint.AsBool() == false)
        {
            return;
        }

        var cidrs = vpc["public_access_cidrs"];
        if (cidrs.AnyUnknown())
        {
            context.ReportUnknown(change, cidrs, "who can reach the public cluster endpoint");
            return;
        }

        var open = cidrs.IsSet ? InternetSources.Describe(cidrs.Strings(), prefix) : "0.0.0.0/0";
        if (open is not null)
        {
            Report(change, context, severity, cidrs, "its Kubernetes API endpoint", Source(open, cidrs),
                "Set `endpoint_public_access = false` (with `endpoint_private_access = true`), or restrict "
                    + "`public_access_cidrs` to your own ranges.");
        }
    }

    private static void CheckGke(ResourceChange change, RuleContext context, Severity severity, int prefix, PlanValue after)
    {
        var privateConfig = after["private_cluster_config"];
        if (privateConfig.IsUnknown)
        {
            context.ReportUnknown(change, privateConfig, "whether the control plane endpoint is private");
            return;
        }

        if (privateConfig.Items().Any(p => p["enable_private_endpoint"].AsBool() == true))
        {
            return;
        }

        var networks = after["master_authorized_networks_config"];
        if (networks.AnyUnknown())
        {
            context.ReportUnknown(change, networks, "who can reach the control plane endpoint");
            return;
        }

        var configs = networks.Items().ToList();
        const string fix = "Enable `private_cluster_config.enable_private_endpoint`, or add a "
            + "`master_authorized_networks_config` listing only your own ranges.";
        if (configs.Count == 0)
        {
            Report(change, context, severity, networks, "its control plane endpoint", "the internet (no private "
                + "endpoint, no master_authorized_networks_config)",
                fix);
            return;
        }

        var blocks = configs.SelectMany(c => c["cidr_blocks"].Items()).Select(b => b["cidr_block"]).ToList();
        if (InternetSources.Describe(blocks.SelectMany(b => b.Strings()), prefix) is { } open)
        {
            Report(change, context, severity, networks, "its control plane endpoint", blocks.Any(b => b.AnySensitive()) ? "the internet " + FindingText.SensitiveNote : open, fix);
        }
    }

    private static void CheckAks(ResourceChange change, RuleContext context, Severity severity, int prefix, PlanValue after)
    {
        var privateCluster = after["private_cluster_enabled"];
        if (privateCluster.IsUnknown)
        {
            context.ReportUnknown(change, privateCluster, "whether the API server is private");
            return;
        }

        if (privateCluster.AsBool() == true)
        {
            return;
        }

        // Provider 3.x+ puts the ranges in api_server_access_profile; 2.x had api_server_authorized_ip_ranges.
        var profile = after["api_server_access_profile"];
        var ranges = profile.Items().Select(p => p["authorized_ip_ranges"]).Append(after["api_server_authorized_ip_ranges"]).ToList();
        var unknown = ranges.FindIndex(r => r.AnyUnknown());
        if (profile.IsUnknown || unknown >= 0)
        {
            context.ReportUnknown(change, profile.IsUnknown ? profile : ranges[unknown], "who can reach the API server");
            return;
        }

        var texts = ranges.SelectMany(r => r.Strings()).ToList();
        const string fix = "Set `private_cluster_enabled = true`, or list your own ranges in "
            + "`api_server_access_profile.authorized_ip_ranges`.";
        if (texts.Count == 0)
        {
            Report(change, context, severity, after["api_server_access_profile"], "its Kubernetes API server",
                "the internet (not a private cluster, no authorized IP ranges)",
                fix);
        }
        else if (InternetSources.Describe(texts, prefix) is { } open)
        {
            Report(change, context, severity, ranges[0], "its Kubernetes API server", ranges.Any(r => r.AnySensitive()) ? "the internet " + FindingText.SensitiveNote : open, fix);
        }
    }

    private static void CheckCloudSql(ResourceChange change, RuleContext context, Severity severity, int prefix, PlanValue ip)
    {
        if (ip["ipv4_enabled"].AsBool() == false)
        {
            return;
        }

        var networks = ip["authorized_networks"];
        if (networks.AnyUnknown())
        {
            context.ReportUnknown(change, networks, "who can reach the database's public IP");
            return;
        }

        var values = networks.Items().Select(n => n["value"]).ToList();
        if (InternetSources.Describe(values.SelectMany(v => v.Strings()), prefix) is { } open)
        {
            var source = values.Any(v => v.AnySensitive()) ? "the internet " + FindingText.SensitiveNote : open;
            context.Report(NetworkExposureRule.BuiltIn.Id, severity, change, $"{change.Address} accepts database connections from {source}", networks, DatabaseWhy,
                "Remove the open authorized network; connect through the Cloud SQL Auth Proxy or private IP instead.");
        }
    }

    private static string Source(string open, PlanValue cidrs) => cidrs.AnySensitive() ? "the internet " + FindingText.SensitiveNote : open;

    private static void Report(ResourceChange change, RuleContext context, Severity severity, PlanValue attribute, string what, string source, string fix) =>
        context.Report(NetworkExposureRule.BuiltIn.Id, severity, change, $"{change.Address} exposes {what} to {source}", attribute, ClusterWhy, fix);
}

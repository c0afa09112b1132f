using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.EncryptionAtRest;

/// <summary>Reports databases, volumes and file systems created or updated with encryption at rest explicitly off.</summary>
internal sealed class EncryptionAtRestRule(Severity severity) : IResourceRule
{
    /// <summary>The rule's identity and how a policy set's <c>rules.encryption_at_rest</c> turns into it.</summary>
    public static readonly BuiltInRule BuiltIn = BuiltInRule.For<RuleSettings>(
        new RuleDescriptor("encryption_at_rest", "Encryption at rest turned off", "Databases, volumes, file systems "
            + "and streams created or updated with encryption at rest explicitly off.",
            Severity.Error),
        (_, severity, rules) => rules.Resource.Add(new EncryptionAtRestRule(severity)));

    // (type, path with [*] for every list item, value meaning "off"); blocks listed in QuietWhenUnknown are computed when not configured, so their being unknown is no signal.
    private static readonly (string Type, string Path, string Off)[] Checks =
    [
        ("aws_db_instance", "storage_encrypted", "false"),
        ("aws_rds_cluster", "storage_encrypted", "false"),
        ("aws_docdb_cluster", "storage_encrypted", "false"),
        ("aws_neptune_cluster", "storage_encrypted", "false"),
        ("aws_ebs_volume", "encrypted", "false"),
        ("aws_ebs_encryption_by_default", "enabled", "false"),
        ("aws_instance", "root_block_device[*].encrypted", "false"),
        ("aws_instance", "ebs_block_device[*].encrypted", "false"),
        ("aws_launch_template", "block_device_mappings[*].ebs[*].encrypted", "false"),
        ("aws_launch_configuration", "root_block_device[*].encrypted", "false"),
        ("aws_launch_configuration", "ebs_block_device[*].encrypted", "false"),
        ("aws_efs_file_system", "encrypted", "false"),
        ("aws_redshift_cluster", "encrypted", "false"),
        ("aws_elasticsearch_domain", "encrypt_at_rest[*].enabled", "false"),
        ("aws_opensearch_domain", "encrypt_at_rest[*].enabled", "false"),
        ("aws_elasticache_replication_group", "at_rest_encryption_enabled", "false"),
        ("aws_dax_cluster", "server_side_encryption[*].enabled", "false"),
        ("aws_kinesis_stream", "encryption_type", "NONE"),
        ("azurerm_mssql_database", "transparent_data_encryption_enabled", "false"),
        ("azurerm_data_lake_store", "encryption_state", "Disabled"),
    ];

    private static readonly HashSet<string> QuietWhenUnknown = ["ebs_block_device", "block_device_mappings"];

    private static readonly ILookup<string, (string Type, string Path, string Off)> ByType = Checks.ToLookup(c => c.Type, StringComparer.Ordinal);

    private readonly Severity _severity = severity;

    public string Id => BuiltIn.Id;

    public void Evaluate(ResourceChange change, RuleContext context)
    {
        if (!context.Judges(change) || !ByType.Contains(change.Type))
        {
            return;
        }

        foreach (var check in ByType[change.Type])
        {
            foreach (var value in Resolve(change.After, check.Path.Split('.')))
            {
                if (value.IsUnknown)
                {
                    context.ReportUnknown(change, value, "encryption at rest");
                }
                else if (string.Equals(value.AsString(), check.Off, StringComparison.OrdinalIgnoreCase))
                {
                    context.Report(
                        Id,
                        _severity,
                        change,
                        $"{change.Address} stores data unencrypted at rest ({FindingText.Shown(value, value.Path + " = " + value.AsString(), value.Path)})",
                        value,
                        "Unencrypted disks, snapshots and backups can be read by anyone who gets a copy of them; most "
                            + "compliance frameworks (PCI DSS, HIPAA, SOC 2) require encryption at rest, and it "
                            + "usually cannot be turned on later without re-creating the resource.",
                        $"Set `{value.Path}` to enable encryption (ideally with a customer-managed KMS key); for existing resources, restore an encrypted snapshot into a new resource.");
                }
            }
        }
    }

    private static IEnumerable<PlanValue> Resolve(PlanValue value, string[] steps, int index = 0)
    {
        if (index == steps.Length)
        {
            yield return value;
            yield break;
        }

        var step = steps[index];
        var each = step.EndsWith("[*]", StringComparison.Ordinal);
        var child = value[each ? step[..^3] : step];
        if (!each)
        {
            foreach (var result in Resolve(child, steps, index + 1))
            {
                yield return result;
            }

            yield break;
        }

        if (child.IsUnknown)
        {
            if (!QuietWhenUnknown.Contains(step[..^3]))
            {
                yield return child;
            }

            yield break;
        }

        foreach (var item in child.Items())
        {
            foreach (var result in Resolve(item, steps, index + 1))
            {
                yield return result;
            }
        }
    }
}

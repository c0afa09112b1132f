using System.Text;
using System.Text.Json;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.DestroyGuard;

/// <summary>Refuses deletion or replacement of resources that hold data or identity: databases, buckets, disks, keys, DNS zones.</summary>
internal sealed class DestroyGuardRule : IResourceRule
{
    /// <summary>The rule's identity and how a policy set's <c>rules.destroy_guard</c> turns into it.</summary>
    public static readonly BuiltInRule BuiltIn = BuiltInRule.For<DestroyGuardSettings>(
        new RuleDescriptor("destroy_guard", "Stateful resource destroyed or replaced", "Deletion or replacement of "
            + "resources holding data or identity (databases, buckets, disks, keys, DNS zones, secrets and "
            + "parameters…), whose contents do not come back when they are re-created.",
            Severity.Error),
        (settings, severity, rules) => rules.Resource.Add(new DestroyGuardRule(severity, settings)));

    private static readonly string[] StatefulTypes =
    [
        // AWS
        "aws_db_instance", "aws_rds_cluster", "aws_rds_global_cluster", "aws_dynamodb_table", "aws_dynamodb_global_table",
        "aws_s3_bucket", "aws_s3_directory_bucket", "aws_efs_file_system", "aws_fsx_*_file_system", "aws_ebs_volume", "aws_kms_key",
        "aws_route53_zone", "aws_elasticache_cluster", "aws_elasticache_replication_group", "aws_redshift_cluster",
        "aws_docdb_cluster", "aws_neptune_cluster", "aws_elasticsearch_domain", "aws_opensearch_domain", "aws_kinesis_stream",
        "aws_sqs_queue", "aws_secretsmanager_secret", "aws_backup_vault", "aws_ecr_repository", "aws_cognito_user_pool",
        "aws_msk_cluster", "aws_memorydb_cluster", "aws_qldb_ledger", "aws_glacier_vault", "aws_timestreamwrite_database",
        "aws_secretsmanager_secret_version", "aws_kms_replica_key", "aws_kms_external_key",
        // Azure
        "azurerm_storage_account", "azurerm_storage_container", "azurerm_storage_share", "azurerm_mssql_server", "azurerm_mssql_database",
        "azurerm_sql_server", "azurerm_sql_database", "azurerm_postgresql_server", "azurerm_postgresql_flexible_server",
        "azurerm_postgresql_database", "azurerm_postgresql_flexible_server_database", "azurerm_mysql_server", "azurerm_mysql_flexible_server",
        "azurerm_mysql_database", "azurerm_mysql_flexible_database", "azurerm_mariadb_server", "azurerm_cosmosdb_account",
        "azurerm_cosmosdb_*_database", "azurerm_key_vault", "azurerm_key_vault_key", "azurerm_managed_disk", "azurerm_dns_zone",
        "azurerm_private_dns_zone", "azurerm_redis_cache", "azurerm_recovery_services_vault", "azurerm_netapp_volume",
        "azurerm_data_lake_store", "azurerm_kusto_cluster", "azurerm_key_vault_secret", "azurerm_key_vault_certificate",
        "azurerm_key_vault_managed_hardware_security_module",
        // Google
        "google_sql_database_instance", "google_sql_database", "google_storage_bucket", "google_bigquery_dataset", "google_bigquery_table",
        "google_spanner_instance", "google_spanner_database", "google_bigtable_instance", "google_bigtable_table", "google_filestore_instance",
        "google_compute_disk", "google_compute_region_disk", "google_kms_key_ring", "google_kms_crypto_key", "google_dns_managed_zone",
        "google_redis_instance", "google_firestore_database", "google_alloydb_cluster", "google_secret_manager_secret",
        "google_secret_manager_secret_version", "google_secret_manager_regional_secret", "google_secret_manager_regional_secret_version",
    ];

    private readonly Severity _severity;
    private readonly DestroyGuardSettings _settings;
    private readonly HashSet<string> _exactTypes = new(StringComparer.Ordinal);
    private readonly List<string> _typePatterns = [];

    public DestroyGuardRule(Severity severity, DestroyGuardSettings settings)
    {
        _severity = severity;
        _settings = settings;
        var types = settings.IncludeBuiltinTypes ? StatefulTypes.Concat(settings.ProtectedTypes) : settings.ProtectedTypes;
        foreach (var type in types)
        {
            if (type.Contains('*', StringComparison.Ordinal) || type.Contains('?', StringComparison.Ordinal))
            {
                _typePatterns.Add(type);
            }
            else
            {
                _exactTypes.Add(type);
            }
        }
    }

    public string Id => BuiltIn.Id;

    public void Evaluate(ResourceChange change, RuleContext context)
    {
        if (change.Kind is not (ChangeKind.Delete or ChangeKind.Replace) || !change.IsManaged)
        {
            return;
        }

        bool guarded = _exactTypes.Contains(change.Type)
            || (_settings.IncludeBuiltinTypes && IsSecureParameter(change))
            || Glob.AnyMatch(_typePatterns, change.Type)
            || Glob.AnyMatch(_settings.ProtectedAddresses, change.Address);
        if (!guarded || Glob.AnyMatch(_settings.ExemptAddresses, change.Address))
        {
            return;
        }

        var replaced = change.Kind == ChangeKind.Replace;
        var reason = Reason(change.ActionReason);
        var description = replaced
            ? $"{change.Address} would be replaced ({change.Actions}){reason}; its data does not carry over"
            : $"{change.Address} would be destroyed{reason}";
        context.Report(
            Id,
            _severity,
            change,
            description,
            null,
            $"{MarkdownText.Code(change.Type)} holds data or identity that cannot be recovered by re-creating it: contents, keys, records or the name itself are lost.",
            replaced
                ? "Find the attribute forcing replacement (listed above) and revert it, or use a `moved` block if the "
                    + "resource was renamed. If the replacement is intended, take a backup and add the address to "
                    + "`exempt_addresses` for this run."
                : "If the removal is unintended, restore the resource block or add a `removed { lifecycle { destroy = "
                    + "false } }` block to forget it without deleting. Add `lifecycle { prevent_destroy = true }` to "
                    + "stateful resources.",
            ReplacePaths(change));
    }

    // An SSM parameter holds a secret only when it is a SecureString; plain parameters are configuration.
    private static bool IsSecureParameter(ResourceChange change) =>
        change.Type == "aws_ssm_parameter" && string.Equals(change.Before["type"].AsString(), "SecureString", StringComparison.Ordinal);

    private static string Reason(string? actionReason) => actionReason switch
    {
        "replace_because_tainted" => " because it is tainted",
        "replace_by_request" => " because -replace was requested",
        "replace_by_triggers" => " because replace_triggered_by fired",
        "replace_because_cannot_update" => " because an attribute cannot be updated in place",
        "delete_because_no_resource_config" => " because its configuration was removed",
        "delete_because_no_module" => " because its module was removed",
        "delete_because_wrong_repetition" or "delete_because_count_index" or "delete_because_each_key" =>
            " because its count/for_each no longer includes it",
        "delete_because_no_move_target" => " because its moved target does not exist",
        _ => string.Empty,
    };

    private static string? ReplacePaths(ResourceChange change)
    {
        var paths = JsonLookup.Property(change.Change, "replace_paths");
        if (paths.ValueKind != JsonValueKind.Array || paths.GetArrayLength() == 0)
        {
            return null;
        }

        var builder = new StringBuilder("Attributes forcing replacement:");
        foreach (var path in paths.EnumerateArray().Take(20))
        {
            var text = new StringBuilder();
            if (path.ValueKind == JsonValueKind.Array)
            {
                bool first = true;
                foreach (var step in path.EnumerateArray())
                {
                    if (step.ValueKind == JsonValueKind.Number)
                    {
                        text.Append('[').Append(step.GetRawText()).Append(']');
                    }
                    else
                    {
                        text.Append(first ? string.Empty : ".").Append(step.ToString());
                    }

                    first = false;
                }
            }

            builder.Append(' ').Append(MarkdownText.Code(text.ToString()));
        }

        return builder.ToString();
    }
}

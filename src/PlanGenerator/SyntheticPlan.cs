using System.Globalization;
using System.Text.Json;

namespace RunTasks.PlanGenerator;

/// <summary>
/// Writes large, realistic synthetic plans (AWS, Google and Azure resources in modules, with planned_values, prior_state,
/// configuration, sensitive and unknown markers) for benchmarks and tests. Output streams; memory does not grow with size.
/// </summary>
public static class SyntheticPlan
{
    private static readonly string[] Types =
    [
        "aws_instance", "aws_s3_bucket", "aws_security_group", "aws_db_instance", "aws_iam_role_policy", "aws_ebs_volume",
        "aws_lambda_function", "google_compute_instance", "azurerm_storage_account", "azurerm_network_security_rule",
        "aws_instance", "aws_security_group", "aws_s3_bucket", "aws_iam_role_policy",
    ];

    public static async Task WriteAsync(Stream output, SyntheticPlanOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        writer.WriteStartObject();
        writer.WriteString("format_version", "1.2");
        writer.WriteString("terraform_version", "1.9.5");
        writer.WriteStartObject("variables");
        writer.WriteStartObject("environment");
        writer.WriteString("value", "production");
        writer.WriteEndObject();
        writer.WriteEndObject();

        // planned_values, resource_changes and prior_state each walk the same deterministic sequence.
        writer.WriteStartObject("planned_values");
        await WriteModulesAsync(writer, output, options, state: false, cancellationToken);
        writer.WriteEndObject();

        writer.WriteStartArray("resource_changes");
        for (int i = 0; i < options.ResourceChanges; i++)
        {
            var resource = new Synthetic(options.Seed, i);
            WriteResourceChange(writer, resource);
            await FlushIfNeededAsync(writer, output, cancellationToken);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("output_changes");
        writer.WriteStartObject("db_password");
        WriteActions(writer, ["create"]);
        writer.WriteNull("before");
        writer.WriteString("after", "hunter2-synthetic");
        writer.WriteBoolean("after_unknown", false);
        writer.WriteBoolean("before_sensitive", false);
        writer.WriteBoolean("after_sensitive", true);
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartObject("prior_state");
        writer.WriteString("format_version", "1.0");
        writer.WriteString("terraform_version", "1.9.5");
        writer.WriteStartObject("values");
        await WriteModulesAsync(writer, output, options, state: true, cancellationToken);
        writer.WriteEndObject();
        writer.WriteEndObject();

        WriteConfiguration(writer, options);
        writer.WriteString("timestamp", "2025-01-01T00:00:00Z");
        writer.WriteBoolean("applyable", true);
        writer.WriteBoolean("complete", true);
        writer.WriteBoolean("errored", false);
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    private static async Task FlushIfNeededAsync(Utf8JsonWriter writer, Stream output, CancellationToken cancellationToken)
    {
        if (writer.BytesPending > 1 << 16)
        {
            await writer.FlushAsync(cancellationToken);
            await output.FlushAsync(cancellationToken);
        }
    }

    private static async Task WriteModulesAsync(Utf8JsonWriter writer, Stream output, SyntheticPlanOptions options, bool state, CancellationToken cancellationToken)
    {
        writer.WriteStartObject("root_module");
        writer.WriteStartArray("resources");
        int module = -1;
        for (int i = 0; i < options.ResourceChanges; i++)
        {
            var resource = new Synthetic(options.Seed, i);
            if (resource.Module != module)
            {
                if (module >= 0)
                {
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteEndArray();
                    writer.WriteStartArray("child_modules");
                }

                module = resource.Module;
                writer.WriteStartObject();
                writer.WriteString("address", resource.ModuleAddress);
                writer.WriteStartArray("resources");
            }

            var exists = state ? resource.Actions[0] is not "create" : resource.Actions[^1] is not "delete";
            if (exists && resource.Mode == "managed")
            {
                writer.WriteStartObject();
                writer.WriteString("address", resource.Address);
                writer.WriteString("mode", resource.Mode);
                writer.WriteString("type", resource.Type);
                writer.WriteString("name", resource.Name);
                writer.WriteNumber("index", resource.Index);
                writer.WriteString("provider_name", resource.Provider);
                writer.WriteNumber("schema_version", 1);
                writer.WritePropertyName("values");
                resource.WriteValues(writer, after: !state, withUnknown: false);
                writer.WritePropertyName("sensitive_values");
                resource.WriteSensitive(writer);
                writer.WriteEndObject();
            }

            await FlushIfNeededAsync(writer, output, cancellationToken);
        }

        writer.WriteEndArray();
        if (module >= 0)
        {
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteResourceChange(Utf8JsonWriter writer, Synthetic resource)
    {
        writer.WriteStartObject();
        writer.WriteString("address", resource.Address);
        writer.WriteString("module_address", resource.ModuleAddress);
        writer.WriteString("mode", resource.Mode);
        writer.WriteString("type", resource.Type);
        writer.WriteString("name", resource.Name);
        writer.WriteNumber("index", resource.Index);
        writer.WriteString("provider_name", resource.Provider);
        if (resource.Actions.Length == 2)
        {
            writer.WriteString("action_reason", "replace_because_cannot_update");
        }

        writer.WriteStartObject("change");
        WriteActions(writer, resource.Actions);
        writer.WritePropertyName("before");
        if (resource.Actions[0] is "create" or "read")
        {
            writer.WriteNullValue();
        }
        else
        {
            resource.WriteValues(writer, after: false, withUnknown: false);
        }

        writer.WritePropertyName("after");
        if (resource.Actions is ["delete"])
        {
            writer.WriteNullValue();
        }
        else
        {
            resource.WriteValues(writer, after: true, withUnknown: true);
        }

        writer.WritePropertyName("after_unknown");
        resource.WriteUnknown(writer);
        writer.WritePropertyName("before_sensitive");
        if (resource.Actions[0] is "create" or "read")
        {
            writer.WriteBooleanValue(false);
        }
        else
        {
            resource.WriteSensitive(writer);
        }

        writer.WritePropertyName("after_sensitive");
        resource.WriteSensitive(writer);
        if (resource.Actions.Length == 2)
        {
            writer.WriteStartArray("replace_paths");
            writer.WriteStartArray();
            writer.WriteStringValue("availability_zone");
            writer.WriteEndArray();
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteActions(Utf8JsonWriter writer, string[] actions)
    {
        writer.WriteStartArray("actions");
        foreach (var action in actions)
        {
            writer.WriteStringValue(action);
        }

        writer.WriteEndArray();
    }

    private static void WriteConfiguration(Utf8JsonWriter writer, SyntheticPlanOptions options)
    {
        writer.WriteStartObject("configuration");
        writer.WriteStartObject("provider_config");
        foreach (var (key, full) in new[] { ("aws", "registry.terraform.io/hashicorp/aws"), ("google", "registry.terraform.io/hashicorp/google"), ("azurerm", "registry.terraform.io/hashicorp/azurerm") })
        {
            writer.WriteStartObject(key);
            writer.WriteString("name", key);
            writer.WriteString("full_name", full);
            writer.WriteString("version_constraint", "~> 5.0");
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("root_module");
        writer.WriteStartObject("module_calls");
        int modules = (options.ResourceChanges + Synthetic.ModuleSize - 1) / Synthetic.ModuleSize;
        for (int m = 0; m < Math.Min(modules, 500); m++)
        {
            writer.WriteStartObject("svc_" + m.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("source", m % 3 == 0 ? "./modules/service" : "app.terraform.io/acme/service/aws");
            writer.WriteString("version_constraint", m % 3 == 0 ? null : "~> 2.1");
            writer.WriteStartObject("module");
            writer.WriteStartArray("resources");
            foreach (var type in Types.Distinct())
            {
                writer.WriteStartObject();
                writer.WriteString("address", type + ".this");
                writer.WriteString("mode", "managed");
                writer.WriteString("type", type);
                writer.WriteString("name", "this");
                writer.WriteString("provider_config_key", type[..type.IndexOf('_', StringComparison.Ordinal)]);
                writer.WriteStartObject("expressions");
                writer.WriteStartObject("tags");
                writer.WriteStartArray("references");
                writer.WriteStringValue("var.tags");
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteNumber("schema_version", 1);
                writer.WriteStartObject("count_expression");
                writer.WriteNumber("constant_value", Synthetic.ModuleSize);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>One synthetic resource, derived from (seed, index) alone so every plan section agrees.</summary>
    private readonly struct Synthetic
    {
        public const int ModuleSize = 50;

        private readonly int _variant;

        public Synthetic(int seed, int index)
        {
            var hash = (uint)HashCode.Combine(seed, index);
            Index = index;
            Module = index / ModuleSize;
            _variant = (int)(hash % 1000);
            Type = Types[(int)((hash >> 10) % (uint)Types.Length)];
            Actions = _variant switch
            {
                < 700 => ["create"],
                < 840 => ["update"],
                < 930 => ["no-op"],
                < 960 => ["delete"],
                < 975 => ["delete", "create"],
                < 985 => ["create", "delete"],
                _ => ["read"],
            };
            Mode = Actions[0] == "read" ? "data" : "managed";
            if (Mode == "data")
            {
                Type = "aws_ami";
            }

            Name = "r" + (index % ModuleSize).ToString(CultureInfo.InvariantCulture);
            ModuleAddress = "module.svc_" + Module.ToString(CultureInfo.InvariantCulture);
            Address = ModuleAddress + (Mode == "data" ? ".data." : ".") + Type + "." + Name + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
            Provider = "registry.terraform.io/hashicorp/" + Type[..Type.IndexOf('_', StringComparison.Ordinal)];
        }

        public int Index { get; }

        public int Module { get; }

        public string Type { get; }

        public string[] Actions { get; }

        public string Mode { get; }

        public string Name { get; }

        public string ModuleAddress { get; }

        public string Address { get; }

        public string Provider { get; }

        private bool Risky => _variant % 97 == 0;

        public void WriteValues(Utf8JsonWriter writer, bool after, bool withUnknown)
        {
            var unknown = withUnknown && Actions[0] == "create";
            writer.WriteStartObject();
            if (!unknown)
            {
                writer.WriteString("id", Type + "-" + Index.ToString("x8", CultureInfo.InvariantCulture));
                writer.WriteString("arn", "arn:aws:service:eu-west-1:123456789012:" + Name + "/" + Index.ToString(CultureInfo.InvariantCulture));
            }

            switch (Type)
            {
                case "aws_instance":
                    writer.WriteString("ami", "ami-0c55b159cbfafe1f0");
                    writer.WriteString("instance_type", after ? "m5.large" : "t3.medium");
                    writer.WriteString("availability_zone", "eu-west-1a");
                    writer.WriteBoolean("associate_public_ip_address", false);
                    writer.WriteString("user_data", "#!/bin/bash\necho hello > /tmp/hello\nyum install -y nginx\nsystemctl start nginx\n");
                    writer.WriteStartArray("root_block_device");
                    writer.WriteStartObject();
                    writer.WriteBoolean("delete_on_termination", true);
                    writer.WriteBoolean("encrypted", !Risky);
                    writer.WriteNumber("volume_size", 50);
                    writer.WriteString("volume_type", "gp3");
                    writer.WriteNumber("iops", 3000);
                    writer.WriteNumber("throughput", 125);
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                    writer.WriteStartArray("vpc_security_group_ids");
                    writer.WriteStringValue("sg-0123456789abcdef0");
                    writer.WriteEndArray();
                    writer.WriteString("subnet_id", "subnet-0123456789abcdef0");
                    writer.WriteStartArray("metadata_options");
                    writer.WriteStartObject();
                    writer.WriteString("http_endpoint", "enabled");
                    writer.WriteString("http_tokens", "required");
                    writer.WriteNumber("http_put_response_hop_limit", 1);
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                    break;
                case "aws_s3_bucket":
                    writer.WriteString("bucket", "acme-data-" + Index.ToString(CultureInfo.InvariantCulture));
                    writer.WriteString("acl", Risky ? "public-read" : "private");
                    writer.WriteBoolean("force_destroy", false);
                    writer.WriteStartArray("versioning");
                    writer.WriteStartObject();
                    writer.WriteBoolean("enabled", true);
                    writer.WriteBoolean("mfa_delete", false);
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                    writer.WriteStartArray("server_side_encryption_configuration");
                    writer.WriteStartObject();
                    writer.WriteStartArray("rule");
                    writer.WriteStartObject();
                    writer.WriteStartArray("apply_server_side_encryption_by_default");
                    writer.WriteStartObject();
                    writer.WriteString("sse_algorithm", "aws:kms");
                    writer.WriteString("kms_master_key_id", "alias/data");
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                    break;
                case "aws_security_group":
                    writer.WriteString("name", "sg-" + Name);
                    writer.WriteString("description", "Managed by Terraform");
                    writer.WriteString("vpc_id", "vpc-0123456789abcdef0");
                    writer.WriteStartArray("ingress");
                    WriteIngress(writer, "0.0.0.0/0", 443);
                    WriteIngress(writer, Risky ? "0.0.0.0/0" : "10.0.0.0/8", 22);
                    writer.WriteEndArray();
                    writer.WriteStartArray("egress");
                    WriteIngress(writer, "0.0.0.0/0", 0, "-1");
                    writer.WriteEndArray();
                    break;
                case "aws_db_instance":
                    writer.WriteString("engine", "postgres");
                    writer.WriteString("engine_version", "16.3");
                    writer.WriteString("instance_class", "db.r6g.large");
                    writer.WriteNumber("allocated_storage", 100);
                    writer.WriteBoolean("storage_encrypted", !Risky);
                    writer.WriteString("username", "app");
                    writer.WriteString("password", "synthetic-password-" + Index.ToString(CultureInfo.InvariantCulture));
                    writer.WriteBoolean("multi_az", true);
                    writer.WriteNumber("backup_retention_period", 7);
                    writer.WriteBoolean("deletion_protection", true);
                    writer.WriteBoolean("publicly_accessible", false);
                    break;
                case "aws_iam_role_policy":
                    writer.WriteString("name", "policy-" + Name);
                    writer.WriteString("role", "role-" + Name);
                    writer.WriteString("policy", Risky
                        ? "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"
                        : "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::acme-data/*\"}]}");
                    break;
                case "aws_ebs_volume":
                    writer.WriteString("availability_zone", "eu-west-1a");
                    writer.WriteNumber("size", 200);
                    writer.WriteString("type", "gp3");
                    writer.WriteBoolean("encrypted", !Risky);
                    break;
                case "aws_lambda_function":
                    writer.WriteString("function_name", "fn-" + Name);
                    writer.WriteString("runtime", "python3.12");
                    writer.WriteString("handler", "app.handler");
                    writer.WriteNumber("memory_size", 512);
                    writer.WriteNumber("timeout", 30);
                    writer.WriteStartArray("environment");
                    writer.WriteStartObject();
                    writer.WriteStartObject("variables");
                    writer.WriteString("LOG_LEVEL", "info");
                    writer.WriteString("API_TOKEN", "synthetic-token");
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                    break;
                case "google_compute_instance":
                    writer.WriteString("machine_type", "e2-standard-4");
                    writer.WriteString("zone", "europe-west1-b");
                    writer.WriteStartArray("boot_disk");
                    writer.WriteStartObject();
                    writer.WriteBoolean("auto_delete", true);
                    writer.WriteString("disk_encryption_key_raw", "c3ludGhldGljLWtleQ==");
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                    writer.WriteStartObject("labels");
                    writer.WriteString("team", "platform");
                    writer.WriteEndObject();
                    break;
                case "azurerm_storage_account":
                    writer.WriteString("name", "acmesa" + Index.ToString(CultureInfo.InvariantCulture));
                    writer.WriteString("resource_group_name", "rg-data");
                    writer.WriteString("location", "westeurope");
                    writer.WriteString("account_tier", "Standard");
                    writer.WriteString("account_replication_type", "GRS");
                    writer.WriteBoolean("allow_nested_items_to_be_public", Risky);
                    writer.WriteString("min_tls_version", "TLS1_2");
                    break;
                case "azurerm_network_security_rule":
                    writer.WriteString("name", "allow-" + Name);
                    writer.WriteString("direction", "Inbound");
                    writer.WriteString("access", "Allow");
                    writer.WriteString("protocol", "Tcp");
                    writer.WriteNumber("priority", 100 + (Index % 3000));
                    writer.WriteString("source_address_prefix", Risky ? "*" : "10.0.0.0/8");
                    writer.WriteString("destination_port_range", "3389");
                    writer.WriteString("source_port_range", "*");
                    writer.WriteString("destination_address_prefix", "*");
                    break;
                default:
                    writer.WriteString("most_recent", "true");
                    writer.WriteString("name_regex", "^amzn2-ami-hvm-.*-x86_64-gp2$");
                    break;
            }

            writer.WriteStartObject(Type.StartsWith("google_", StringComparison.Ordinal) ? "labels_all" : "tags");
            writer.WriteString("owner", "team-" + (Index % 7).ToString(CultureInfo.InvariantCulture));
            writer.WriteString("team", "platform");
            writer.WriteString("environment", "production");
            writer.WriteString("cost-centre", "cc-1234");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        public void WriteUnknown(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            if (Actions[0] == "create")
            {
                writer.WriteBoolean("id", true);
                writer.WriteBoolean("arn", true);
            }

            writer.WriteEndObject();
        }

        public void WriteSensitive(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            switch (Type)
            {
                case "aws_db_instance":
                    writer.WriteBoolean("password", true);
                    break;
                case "aws_lambda_function":
                    writer.WriteStartArray("environment");
                    writer.WriteStartObject();
                    writer.WriteBoolean("variables", true);
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                    break;
                case "google_compute_instance":
                    writer.WriteStartArray("boot_disk");
                    writer.WriteStartObject();
                    writer.WriteBoolean("disk_encryption_key_raw", true);
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                    break;
                default:
                    break;
            }

            writer.WriteEndObject();
        }

        private static void WriteIngress(Utf8JsonWriter writer, string cidr, int port, string protocol = "tcp")
        {
            writer.WriteStartObject();
            writer.WriteStartArray("cidr_blocks");
            writer.WriteStringValue(cidr);
            writer.WriteEndArray();
            writer.WriteString("description", "managed");
            writer.WriteNumber("from_port", port);
            writer.WriteNumber("to_port", port);
            writer.WriteStartArray("ipv6_cidr_blocks");
            writer.WriteEndArray();
            writer.WriteStartArray("prefix_list_ids");
            writer.WriteEndArray();
            writer.WriteString("protocol", protocol);
            writer.WriteStartArray("security_groups");
            writer.WriteEndArray();
            writer.WriteBoolean("self", false);
            writer.WriteEndObject();
        }
    }
}

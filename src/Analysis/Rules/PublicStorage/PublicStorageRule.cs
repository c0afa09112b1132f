using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Policies;
using RunTasks.Analysis.Rules.Iam;

namespace RunTasks.Analysis.Rules.PublicStorage;

/// <summary>Reports buckets, containers, storage accounts and AWS resource policies opened to anonymous or all authenticated users.</summary>
internal sealed class PublicStorageRule(Severity severity) : IResourceRule
{
    /// <summary>The rule's identity and how a policy set's <c>rules.public_storage</c> turns into it.</summary>
    public static readonly BuiltInRule BuiltIn = BuiltInRule.For<RuleSettings>(
        new RuleDescriptor("public_storage", "Public storage", "Buckets, containers and storage accounts opened to "
            + "anonymous or all authenticated users through ACLs, IAM bindings, bucket policies or public access "
            + "settings, and AWS resource policies (SNS, SQS, KMS, Lambda, ECR, Secrets Manager, EFS, OpenSearch, "
            + "Glacier) open to everyone.",
            Severity.Error),
        (_, severity, rules) => rules.Resource.Add(new PublicStorageRule(severity)));

    private static readonly string[] PublicAcls = ["public-read", "public-read-write", "authenticated-read", "website"];
    private static readonly string[] PublicMembers = ["allUsers", "allAuthenticatedUsers"];
    private static readonly string[] BlockFlags = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

    // Resource policies judged by AWS's meaning of public (PublicResourcePolicy): the attribute holding the document, its name,
    // and whether an unknown document is worth a finding (not where the attribute is optional and computed: unset reads unknown).
    private static readonly Dictionary<string, (string Attribute, string Name, bool Unknown)> ResourcePolicies = new(StringComparer.Ordinal)
    {
        ["aws_s3_bucket"] = ("policy", "bucket policy", true),
        ["aws_s3_bucket_policy"] = ("policy", "bucket policy", true),
        ["aws_sns_topic"] = ("policy", "topic policy", false),
        ["aws_sns_topic_policy"] = ("policy", "topic policy", true),
        ["aws_sqs_queue"] = ("policy", "queue policy", false),
        ["aws_sqs_queue_policy"] = ("policy", "queue policy", true),
        ["aws_kms_key"] = ("policy", "key policy", false),
        ["aws_kms_key_policy"] = ("policy", "key policy", true),
        ["aws_ecr_repository_policy"] = ("policy", "repository policy", true),
        ["aws_secretsmanager_secret"] = ("policy", "secret policy", false),
        ["aws_secretsmanager_secret_policy"] = ("policy", "secret policy", true),
        ["aws_efs_file_system_policy"] = ("policy", "file system policy", true),
        ["aws_opensearch_domain"] = ("access_policies", "access policy", false),
        ["aws_opensearch_domain_policy"] = ("access_policies", "access policy", true),
        ["aws_elasticsearch_domain"] = ("access_policies", "access policy", false),
        ["aws_elasticsearch_domain_policy"] = ("access_policies", "access policy", true),
        ["aws_glacier_vault"] = ("access_policy", "vault access policy", false),
        ["aws_glacier_vault_lock"] = ("policy", "vault lock policy", true),
    };

    // Lambda permissions name the principal and its narrowing (source ARN, account, organisation) as attributes.
    private static readonly string[] LambdaNarrowing = ["source_arn", "source_account", "principal_org_id"];

    private const string Why = "Objects in public storage can be listed or read by anyone on the internet; leaked "
        + "buckets are one of the most common causes of data breaches.";

    private readonly Severity _severity = severity;

    public string Id => BuiltIn.Id;

    public void Evaluate(ResourceChange change, RuleContext context)
    {
        if (!context.Judges(change))
        {
            return;
        }

        var after = change.After;
        if (ResourcePolicies.TryGetValue(change.Type, out var resourcePolicy))
        {
            CheckResourcePolicy(change, context, after[resourcePolicy.Attribute], resourcePolicy.Name, resourcePolicy.Unknown);
        }

        switch (change.Type)
        {
            case "aws_s3_bucket" or "aws_s3_bucket_acl":
                CheckAcl(change, context, after["acl"]);
                foreach (var policy in after["access_control_policy"].Items())
                {
                    foreach (var grant in policy["grant"].Items())
                    {
                        CheckGrantees(change, context, grant["grantee"]);
                    }
                }

                foreach (var grant in after["grant"].Items())
                {
                    CheckGrantUri(change, context, grant["uri"]);
                }

                break;
            case "aws_s3_bucket_public_access_block" or "aws_s3_account_public_access_block":
                foreach (var flag in BlockFlags)
                {
                    var value = after[flag];
                    if (value.IsUnknown)
                    {
                        context.ReportUnknown(change, value, "the public access block");
                    }
                    else if (value.AsBool() == false)
                    {
                        context.Report(Id, _severity, change, $"{change.Address} turns {flag} off, allowing public S3 access{(value.AnySensitive() ? " " + FindingText.SensitiveNote : string.Empty)}", value, Why,
                            "Set all four public access block settings to true; serve public content through "
                                + "CloudFront with origin access control instead.");
                    }
                }

                break;
            case "aws_lambda_permission":
                CheckLambdaPermission(change, context, after);
                break;
            case "google_storage_bucket_iam_member" or "google_storage_bucket_iam_binding":
                var members = change.Type.EndsWith("member", StringComparison.Ordinal) ? after["member"] : after["members"];
                if (members.AnyUnknown())
                {
                    context.ReportUnknown(change, members, "who is granted access");
                }
                else if (members.Strings().FirstOrDefault(m => PublicMembers.Contains(m)) is { } member)
                {
                    var role = after["role"];
                    context.Report(Id, _severity, change, $"{change.Address} grants {FindingText.Shown(role, role.AsString() ?? "a role", "a role")} on a bucket to {FindingText.Shown(members, member, "allUsers or allAuthenticatedUsers")}", members, Why,
                        "Grant the role to specific users, groups or service accounts; use signed URLs or a CDN for "
                            + "public content.");
                }

                break;
            case "google_storage_bucket_iam_policy":
                var data = after["policy_data"];
                if (data.IsUnknown)
                {
                    context.ReportUnknown(change, data, "who is granted access");
                }
                else if (IamPolicyJson.IsHidden(data))
                {
                    context.ReportSensitive(change, data, "who is granted access");
                }
                else if (GooglePolicyData.Bindings(data.AsString()).FirstOrDefault(b => b.Members.Any(m => PublicMembers.Contains(m))) is { Role: not null } binding)
                {
                    var member = binding.Members.First(m => PublicMembers.Contains(m));
                    context.Report(Id, _severity, change, $"{change.Address} grants {FindingText.Shown(data, binding.Role + " on a bucket to " + member, "a role on a bucket to allUsers or allAuthenticatedUsers")}", data, Why,
                        "Grant the role to specific users, groups or service accounts; use signed URLs or a CDN for "
                            + "public content.");
                }

                break;
            case "google_storage_bucket_acl" or "google_storage_default_object_acl":
                if (after["role_entity"].Strings().FirstOrDefault(e => PublicMembers.Any(m => e.Contains(m, StringComparison.Ordinal))) is not null)
                {
                    context.Report(Id, _severity, change, $"{change.Address} grants access to allUsers or allAuthenticatedUsers", after["role_entity"], Why,
                        "Remove allUsers/allAuthenticatedUsers entities and enable uniform bucket-level access.");
                }

                if (after["predefined_acl"].AsString() is "publicRead" or "publicReadWrite" or "authenticatedRead")
                {
                    context.Report(Id, _severity, change, $"{change.Address} uses {FindingText.Shown(after["predefined_acl"], "the public predefined ACL " + after["predefined_acl"].AsString(), "a public predefined ACL")}", after["predefined_acl"], Why,
                        "Use a private predefined ACL and enable uniform bucket-level access.");
                }

                break;
            case "google_storage_bucket_access_control" or "google_storage_object_access_control" or "google_storage_default_object_access_control":
                if (after["entity"].AsString() is { } entity && PublicMembers.Contains(entity))
                {
                    context.Report(Id, _severity, change, $"{change.Address} grants access to {FindingText.Shown(after["entity"], entity, "allUsers or allAuthenticatedUsers")}", after["entity"], Why,
                        "Grant access to specific users or groups instead.");
                }

                break;
            case "azurerm_storage_account":
                foreach (var name in new[] { "allow_blob_public_access", "allow_nested_items_to_be_public" })
                {
                    var value = after[name];
                    if (value.IsUnknown)
                    {
                        context.ReportUnknown(change, value, "public blob access");
                    }
                    else if (value.AsBool() == true)
                    {
                        context.Report(Id, _severity, change, $"{change.Address} allows public blob access ({FindingText.Shown(value, name + " = true", name)})", value, Why, $"Set `{name} = false`; share individual blobs with SAS tokens or serve them through a CDN.");
                    }
                }

                break;
            case "azurerm_storage_container":
                var access = after["container_access_type"];
                if (access.AsString() is "blob" or "container")
                {
                    context.Report(Id, _severity, change, $"{change.Address} allows anonymous read access ({FindingText.Shown(access, "container_access_type = " + access.AsString(), "container_access_type")})", access, Why, "Set `container_access_type = \"private\"`.");
                }

                break;
            default:
                break;
        }
    }

    private void CheckAcl(ResourceChange change, RuleContext context, PlanValue acl)
    {
        if (acl.IsUnknown)
        {
            context.ReportUnknown(change, acl, "the bucket ACL");
        }
        else if (acl.AsString() is { } value && PublicAcls.Contains(value))
        {
            context.Report(Id, _severity, change, $"{change.Address} uses {FindingText.Shown(acl, "the public canned ACL " + value, "a public canned ACL")}", acl, Why,
                "Use `acl = \"private\"` (or remove ACLs and set object ownership to BucketOwnerEnforced) and keep the "
                    + "public access block on.");
        }
    }

    private void CheckGrantees(ResourceChange change, RuleContext context, PlanValue grantees)
    {
        foreach (var grantee in grantees.Items())
        {
            CheckGrantUri(change, context, grantee["uri"]);
        }
    }

    private void CheckGrantUri(ResourceChange change, RuleContext context, PlanValue uri)
    {
        if (uri.AsString() is { } value && (value.EndsWith("/AllUsers", StringComparison.Ordinal) || value.EndsWith("/AuthenticatedUsers", StringComparison.Ordinal)))
        {
            context.Report(Id, _severity, change, $"{change.Address} grants bucket access to {FindingText.Shown(uri, "the " + value[(value.LastIndexOf('/') + 1)..] + " group", "the AllUsers or AuthenticatedUsers group")}", uri, Why,
                "Remove grants to the AllUsers and AuthenticatedUsers groups.");
        }
    }

    private void CheckResourcePolicy(ResourceChange change, RuleContext context, PlanValue policy, string name, bool reportUnknown)
    {
        if (policy.IsUnknown)
        {
            if (reportUnknown)
            {
                context.ReportUnknown(change, policy, "the " + name);
            }
        }
        else if (IamPolicyJson.IsHidden(policy))
        {
            context.ReportSensitive(change, policy, "the " + name);
        }
        else if (PublicResourcePolicy.PublicGrant(policy.AsString()) is { } grant)
        {
            context.Report(Id, _severity, change, $"{change.Address} has a {name} allowing {grant}", policy, Why,
                "Limit the Principal to specific accounts or roles, or add a Condition pinning who can reach it "
                    + "(aws:SourceVpce, aws:PrincipalOrgID, aws:SourceArn, aws:SourceAccount).");
        }
    }

    private void CheckLambdaPermission(ResourceChange change, RuleContext context, PlanValue after)
    {
        var principal = after["principal"];
        if (principal.IsUnknown)
        {
            context.ReportUnknown(change, principal, "who may invoke the function");
        }
        else if (principal.AsString() == "*" && !Array.Exists(LambdaNarrowing, key => after[key].IsUnknown || !string.IsNullOrEmpty(after[key].AsString())))
        {
            context.Report(Id, _severity, change, $"{change.Address} lets Principal \"*\" invoke the function without a source ARN, account or organisation", principal, Why,
                "Name the invoking service's account or resource (source_account, source_arn) or your organisation "
                    + "(principal_org_id), or a specific principal.");
        }
    }
}

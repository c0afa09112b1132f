using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Plans;

namespace RunTasks.Analysis.Rules.Iam;

/// <summary>
/// Reports admin-equivalent grants: AWS policy documents granting every action on every resource (also through
/// NotAction/NotResource), AWS-managed admin-equivalent policies, GCP primitive roles and public members at
/// project/folder/organisation level (also in policy_data), Azure broad roles at subscription scope (by name or id).
/// </summary>
internal sealed class IamWildcardsRule(Severity severity, IamWildcardsSettings settings) : IResourceRule
{
    /// <summary>The rule's identity and how a policy set's <c>rules.iam_wildcards</c> turns into it.</summary>
    public static readonly BuiltInRule BuiltIn = BuiltInRule.For<IamWildcardsSettings>(
        new RuleDescriptor("iam_wildcards", "Administrator-equivalent grant", "AWS policies granting every action on "
            + "every resource (also through NotAction/NotResource or iam:*), AWS-managed admin-equivalent policies, "
            + "GCP primitive roles and public members at project/folder/organisation level, Azure "
            + "Owner/Contributor/User Access Administrator at subscription scope.",
            Severity.Error),
        (settings, severity, rules) => rules.Resource.Add(new IamWildcardsRule(severity, settings)));

    private const string Why = "An identity with every permission on every resource can read all data, delete "
        + "everything and grant itself more access; a leaked credential becomes a full account compromise.";
    private const string AwsManagedFix = "Attach a policy scoped to the actions and resources the identity needs; use "
        + "IAM Access Analyzer policy generation to find them.";
    private const string GoogleWhy = "Primitive roles grant write (editor) or full control (owner) over almost every "
        + "service in the project, folder or organisation, and allUsers/allAuthenticatedUsers there means anyone "
        + "with a Google account, or anyone at all.";
    private const string GoogleFix = "Grant predefined or custom roles limited to the services used, to named users, "
        + "groups or service accounts; use the IAM recommender to find them.";

    private readonly Severity _severity = severity;
    private readonly IamWildcardsSettings _settings = settings;

    public string Id => BuiltIn.Id;

    public void Evaluate(ResourceChange change, RuleContext context)
    {
        if (!context.Judges(change))
        {
            return;
        }

        var after = change.After;
        var type = change.Type;
        switch (type)
        {
            case "aws_iam_policy" or "aws_iam_role_policy" or "aws_iam_user_policy" or "aws_iam_group_policy":
                CheckDocument(change, context, after["policy"]);
                break;
            case "aws_ssoadmin_permission_set_inline_policy":
                CheckDocument(change, context, after["inline_policy"]);
                break;
            case "aws_iam_role":
                foreach (var inline in after["inline_policy"].Items())
                {
                    CheckDocument(change, context, inline["policy"]);
                }

                CheckManagedPolicies(change, context, after["managed_policy_arns"]);
                break;
            case "aws_iam_policy_attachment" or "aws_iam_role_policy_attachment" or "aws_iam_user_policy_attachment" or "aws_iam_group_policy_attachment":
                CheckManagedPolicies(change, context, after["policy_arn"]);
                break;
            case "aws_ssoadmin_managed_policy_attachment":
                CheckManagedPolicies(change, context, after["managed_policy_arn"]);
                break;
            case "aws_iam_role_policy_attachments_exclusive" or "aws_iam_user_policy_attachments_exclusive" or "aws_iam_group_policy_attachments_exclusive":
                CheckManagedPolicies(change, context, after["policy_arns"]);
                break;
            case "azurerm_role_assignment":
                CheckAzureRole(change, context, after);
                break;
            default:
                if (type.StartsWith("google_", StringComparison.Ordinal))
                {
                    CheckGoogle(change, context, after);
                }

                break;
        }
    }

    private void CheckDocument(ResourceChange change, RuleContext context, PlanValue policy)
    {
        if (policy.IsUnknown)
        {
            context.ReportUnknown(change, policy, "the policy document");
        }
        else if (IamPolicyJson.IsHidden(policy))
        {
            context.ReportSensitive(change, policy, "the policy document");
        }
        else if (IamPolicyJson.AdminGrant(policy.AsString()) is { } grant)
        {
            var what = FindingText.Shown(policy, "allows " + grant, "has a policy document granting "
                + "administrator-equivalent access");
            context.Report(Id, _severity, change, $"{change.Address} {what}", policy, Why,
                "List the actions and resource ARNs the identity needs instead of \"*\" or NotAction/NotResource; use "
                    + "IAM Access Analyzer policy generation to find them.");
        }
    }

    private void CheckManagedPolicies(ResourceChange change, RuleContext context, PlanValue arns)
    {
        foreach (var arn in arns.Strings().Where(IsAdminArn))
        {
            var what = FindingText.Shown(arns, "attaches " + arn[(arn.LastIndexOf('/') + 1)..],
                "attaches an administrator-equivalent AWS managed policy");
            context.Report(Id, _severity, change, $"{change.Address} {what}", arns, Why, AwsManagedFix);
        }
    }

    // AWS-managed policies live in every partition (aws, aws-cn, aws-us-gov): compare them as arn:aws:….
    private bool IsAdminArn(string arn)
    {
        var normalised = arn.StartsWith("arn:aws-", StringComparison.Ordinal) && arn.IndexOf(':', 4) is var colon and > 0
            ? "arn:aws" + arn[colon..]
            : arn;
        return _settings.AdminPolicyArns.Contains(normalised, StringComparer.Ordinal) || _settings.AdminPolicyArns.Contains(arn, StringComparer.Ordinal);
    }

    private void CheckGoogle(ResourceChange change, RuleContext context, PlanValue after)
    {
        var type = change.Type;
        var scoped = type.StartsWith("google_project_", StringComparison.Ordinal)
            || type.StartsWith("google_folder_", StringComparison.Ordinal)
            || type.StartsWith("google_organization_", StringComparison.Ordinal);
        if (type.EndsWith("_iam_policy", StringComparison.Ordinal))
        {
            CheckPolicyData(change, context, after["policy_data"], scoped);
            return;
        }

        if (!type.EndsWith("_iam_member", StringComparison.Ordinal) && !type.EndsWith("_iam_binding", StringComparison.Ordinal))
        {
            return;
        }

        var role = after["role"];
        if (role.IsUnknown)
        {
            context.ReportUnknown(change, role, "the granted role");
            return;
        }

        var members = after[type.EndsWith("_member", StringComparison.Ordinal) ? "member" : "members"];
        if (scoped)
        {
            CheckBinding(change, context, role, members, role.AsString(), members.Strings().ToList());
        }
    }

    private void CheckPolicyData(ResourceChange change, RuleContext context, PlanValue data, bool scoped)
    {
        // Below project level nothing here is judged (bucket policies granting allUsers are public storage, reported by that rule).
        if (!scoped)
        {
            return;
        }

        if (data.IsUnknown)
        {
            context.ReportUnknown(change, data, "the IAM policy bindings");
            return;
        }

        if (IamPolicyJson.IsHidden(data))
        {
            context.ReportSensitive(change, data, "the IAM policy bindings");
            return;
        }

        foreach (var (role, members) in GooglePolicyData.Bindings(data.AsString()))
        {
            CheckBinding(change, context, data, data, role, members);
        }
    }

    private void CheckBinding(ResourceChange change, RuleContext context, PlanValue roleValue, PlanValue membersValue, string? role, List<string> members)
    {
        var publicMember = members.FirstOrDefault(m => GooglePolicyData.PublicMembers.Contains(m));
        var primitive = role is not null && _settings.PrimitiveRoles.Contains(role, StringComparer.Ordinal);
        if (!primitive && publicMember is null)
        {
            return;
        }

        var roleText = FindingText.Shown(roleValue, primitive ? "the primitive role " + role : role ?? "a role", primitive ? "a primitive role" : "a role");
        var who = publicMember ?? string.Join(", ", members.Take(3));
        var whoText = FindingText.Shown(membersValue, who.Length == 0 ? "members" : who, publicMember is null ? "members" : "allUsers or allAuthenticatedUsers");
        context.Report(Id, _severity, change, $"{change.Address} grants {roleText} to {whoText}", roleValue, GoogleWhy, GoogleFix);
    }

    private void CheckAzureRole(ResourceChange change, RuleContext context, PlanValue after)
    {
        var nameValue = after["role_definition_name"];
        var idValue = after["role_definition_id"];
        var name = nameValue.AsString() ?? AzureBuiltInRoles.NameOf(idValue.AsString());
        if (name is null && nameValue.IsUnknown && idValue.IsUnknown)
        {
            context.ReportUnknown(change, idValue, "the assigned role");
            return;
        }

        if (name is null || !_settings.AzureBroadRoles.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        var scope = after["scope"];
        if (scope.IsUnknown)
        {
            context.ReportUnknown(change, scope, "the role assignment scope");
            return;
        }

        var text = scope.AsString() ?? string.Empty;
        var segments = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var broad = (segments.Length == 2 && segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase))
            || text.Contains("managementGroups", StringComparison.OrdinalIgnoreCase)
            || text == "/";
        if (broad)
        {
            var role = nameValue.IsSet ? nameValue : idValue;
            context.Report(Id, _severity, change, $"{change.Address} assigns {FindingText.Shown(role, name, "a broad role")} at subscription or management-group scope", scope, Why,
                "Assign a narrower built-in or custom role at resource-group or resource scope.");
        }
    }
}

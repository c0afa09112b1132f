using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules;

/// <summary>Reports admin-equivalent grants: AWS policies allowing "*" on "*", AdministratorAccess, GCP primitive roles, Azure Owner at subscription scope.</summary>
internal sealed class IamWildcardsRule : IResourceRule
{
    private const string Why = "An identity with every permission on every resource can read all data, delete everything and grant itself more access; a leaked credential becomes a full account compromise.";

    private readonly Severity _severity;
    private readonly IamWildcardsSettings _settings;

    public IamWildcardsRule(Severity severity, IamWildcardsSettings settings)
    {
        _severity = severity;
        _settings = settings;
    }

    public string Id => RuleIds.IamWildcards;

    public void Evaluate(ResourceChange change, RuleContext context)
    {
        if (!change.HasAfter || !change.IsManaged)
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

                break;
            case "aws_iam_policy_attachment" or "aws_iam_role_policy_attachment" or "aws_iam_user_policy_attachment" or "aws_iam_group_policy_attachment":
                var arn = after["policy_arn"];
                if (arn.AsString() is { } value && _settings.AdminPolicyArns.Contains(value, StringComparer.Ordinal))
                {
                    context.Report(Id, _severity, change, $"{change.Address} attaches {value[(value.LastIndexOf('/') + 1)..]}", arn, Why, "Attach a policy scoped to the actions and resources the identity needs; use IAM Access Analyzer policy generation to find them.");
                }

                break;
            default:
                if (type.StartsWith("google_", StringComparison.Ordinal) && (type.EndsWith("_iam_member", StringComparison.Ordinal) || type.EndsWith("_iam_binding", StringComparison.Ordinal)))
                {
                    CheckGoogleRole(change, context, after);
                }
                else if (type == "azurerm_role_assignment")
                {
                    CheckAzureRole(change, context, after);
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
        else if (IamPolicyJson.GrantsAdmin(policy.AsString()))
        {
            context.Report(Id, _severity, change, $"{change.Address} allows Action \"*\" on Resource \"*\"", policy, Why, "List the actions and resource ARNs the identity needs instead of \"*\"; use IAM Access Analyzer policy generation to find them.");
        }
    }

    private void CheckGoogleRole(ResourceChange change, RuleContext context, PlanValue after)
    {
        var scoped = change.Type.StartsWith("google_project_", StringComparison.Ordinal)
            || change.Type.StartsWith("google_folder_", StringComparison.Ordinal)
            || change.Type.StartsWith("google_organization_", StringComparison.Ordinal);
        var role = after["role"];
        if (role.IsUnknown)
        {
            context.ReportUnknown(change, role, "the granted role");
            return;
        }

        var name = role.AsString();
        if (!scoped || name is null || !_settings.PrimitiveRoles.Contains(name, StringComparer.Ordinal))
        {
            return;
        }

        var members = after[change.Type.EndsWith("_member", StringComparison.Ordinal) ? "member" : "members"];
        var who = members.IsSensitive ? "a sensitive member" : string.Join(", ", members.Strings().Take(3));
        context.Report(Id, _severity, change, $"{change.Address} grants the primitive role {name} to {(who.Length == 0 ? "members" : who)}", role, "Primitive roles grant write (editor) or full control (owner) over almost every service in the project, folder or organisation, far more than any workload needs.", "Grant predefined or custom roles limited to the services used; use the IAM recommender to find them.");
    }

    private void CheckAzureRole(ResourceChange change, RuleContext context, PlanValue after)
    {
        var role = after["role_definition_name"];
        var scope = after["scope"];
        if (role.AsString() is not { } name || !_settings.AzureBroadRoles.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

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
            context.Report(Id, _severity, change, $"{change.Address} assigns {name} at subscription or management-group scope", scope, Why, "Assign a narrower built-in or custom role at resource-group or resource scope.");
        }
    }
}

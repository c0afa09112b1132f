using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.Iam;

/// <summary>IAM wildcards: admin-equivalent grants.</summary>
internal sealed class IamWildcardsSettings : RuleSettings
{
    /// <summary>GCP roles reported when granted at project, folder or organisation level.</summary>
    public List<string> PrimitiveRoles { get; set; } = ["roles/owner", "roles/editor"];

    /// <summary>Azure role names reported when assigned at subscription or management-group scope.</summary>
    public List<string> AzureBroadRoles { get; set; } = ["Owner", "Contributor", "User Access Administrator"];

    /// <summary>AWS managed policy ARNs treated like <c>Action "*" on Resource "*"</c> (matched in every partition).</summary>
    public List<string> AdminPolicyArns { get; set; } =
    [
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "arn:aws:iam::aws:policy/IAMFullAccess",
        "arn:aws:iam::aws:policy/PowerUserAccess",
    ];
}

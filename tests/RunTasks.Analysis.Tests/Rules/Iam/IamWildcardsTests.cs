using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Rules.Iam;

public sealed class IamWildcardsTests
{
    private static string Policy(string statement) =>
        Plan(Change("aws_iam_policy", """["create"]""", $$"""{"name":"p","policy":"{\"Version\":\"2012-10-17\",\"Statement\":{{statement.Replace("\"", "\\\"", StringComparison.Ordinal)}}}"}"""));

    [Fact]
    public async Task Allow_star_on_star_fails()
    {
        var report = await AnalyzeAsync(Policy("""[{"Effect":"Allow","Action":"*","Resource":"*"}]"""));

        Assert.Contains("Action \"*\" on Resource \"*\"", Assert.Single(report.Of("iam_wildcards")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Single_statement_object_with_action_list_fails()
    {
        var report = await AnalyzeAsync(Policy("""{"Effect":"Allow","Action":["*"],"Resource":["*"]}"""));

        Assert.Single(report.Of("iam_wildcards"));
    }

    [Fact]
    public async Task Deny_star_passes()
    {
        var report = await AnalyzeAsync(Policy("""[{"Effect":"Deny","Action":"*","Resource":"*"}]"""));

        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Scoped_wildcard_passes()
    {
        var report = await AnalyzeAsync(Policy("""[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::logs/*"}]"""));

        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Administrator_access_attachment_fails()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_iam_role_policy_attachment", """["create"]""", """{"role":"ci","policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"}""")));

        Assert.Single(report.Of("iam_wildcards"));
    }

    [Fact]
    public async Task Project_owner_grant_fails_but_viewer_passes()
    {
        var owner = Change("google_project_iam_member", """["create"]""", """{"project":"p","role":"roles/owner","member":"user:a@acme.com"}""", address: "google_project_iam_member.owner");
        var viewer = Change("google_project_iam_member", """["create"]""", """{"project":"p","role":"roles/viewer","member":"user:a@acme.com"}""", address: "google_project_iam_member.viewer");

        var report = await AnalyzeAsync(Plan(owner, viewer));

        Assert.Equal(["google_project_iam_member.owner"], report.Of("iam_wildcards").Select(f => f.Address));
    }

    [Fact]
    public async Task Azure_owner_at_subscription_scope_fails_but_resource_group_passes()
    {
        var subscription = Change("azurerm_role_assignment", """["create"]""", """{"role_definition_name":"Owner","scope":"/subscriptions/0000"}""", address: "azurerm_role_assignment.sub");
        var group = Change("azurerm_role_assignment", """["create"]""", """{"role_definition_name":"Owner","scope":"/subscriptions/0000/resourceGroups/rg"}""", address: "azurerm_role_assignment.rg");

        var report = await AnalyzeAsync(Plan(subscription, group));

        Assert.Equal(["azurerm_role_assignment.sub"], report.Of("iam_wildcards").Select(f => f.Address));
    }

    private static string AwsPolicy(string statement) =>
        Plan(Change("aws_iam_policy", """["create"]""", $$"""{"policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{{statement.Replace("\"", "\\\"", StringComparison.Ordinal)}}]}"}"""));

    [Fact]
    public async Task Allow_with_NotAction_on_every_resource_is_admin_equivalent()
    {
        var report = await AnalyzeAsync(AwsPolicy("""{"Effect":"Allow","NotAction":["iam:DeleteAccountPasswordPolicy"],"Resource":"*"}"""));

        Assert.Contains("allows every action except iam:DeleteAccountPasswordPolicy (NotAction) on Resource \"*\"", Assert.Single(report.Of("iam_wildcards")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allow_every_action_with_NotResource_is_admin_equivalent()
    {
        var report = await AnalyzeAsync(AwsPolicy("""{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::audit-logs/*"}"""));

        Assert.Single(report.Of("iam_wildcards"));
    }

    [Fact]
    public async Task Every_iam_action_on_every_resource_is_admin_equivalent()
    {
        var report = await AnalyzeAsync(AwsPolicy("""{"Effect":"Allow","Action":["iam:*"],"Resource":["*"]}"""));

        Assert.Contains("Action \"iam:*\"", Assert.Single(report.Of("iam_wildcards")).Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"iam:**","Resource":"*"}""", "Action \"iam:**\" on Resource \"*\"")]
    [InlineData("""{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::*:*"}""", "Action \"iam:*\" on Resource \"arn:aws:iam::*:*\"")]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"arn:*:*:*:*:*"}""", "Action \"*\" on Resource \"arn:*:*:*:*:*\"")]
    [InlineData("""{"Effect":"Allow","Action":"*:?*","Resource":"*"}""", "Action \"*:?*\" on Resource \"*\"")]
    [InlineData("""{"Effect":"Allow","Action":"IAM:*","Resource":"*"}""", "Action \"IAM:*\" on Resource \"*\"")]
    [InlineData("""{"Effect":"Allow","Action":"iam:Put*","Resource":"*"}""", null)]
    [InlineData("""{"Effect":"Allow","Action":["iam:Put*","iam:Attach*","iam:Create*","iam:UpdateAssumeRolePolicy"],"Resource":"*"}""", "Action \"iam:Put*\", \"iam:Attach*\", \"iam:Create*\" and 1 more on Resource \"*\"")]
    public async Task Iam_globs_covering_admin_actions_on_any_account_are_admin_equivalent(string statement, string? grant)
    {
        var report = await AnalyzeAsync(AwsPolicy(statement));

        if (grant is null)
        {
            Assert.Empty(report.Of("iam_wildcards"));
        }
        else
        {
            Assert.Contains("allows " + grant, Assert.Single(report.Of("iam_wildcards")).Description, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::111122223333:role/app-*"}""")]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::*"}""")]
    [InlineData("""{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","Action":"*:Get*","Resource":"*"}""")]
    [InlineData("""{"Effect":"Deny","NotAction":"s3:GetObject","Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","NotAction":"s3:*","Resource":"arn:aws:s3:::bucket/*"}""")]
    [InlineData("""{"Effect":"Allow","Action":"s3:*","Resource":"*"}""")]
    public async Task Scoped_statements_are_not_admin_equivalent(string statement)
    {
        var report = await AnalyzeAsync(AwsPolicy(statement));

        Assert.Empty(report.Of("iam_wildcards"));
    }

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/IAMFullAccess")]
    [InlineData("arn:aws:iam::aws:policy/PowerUserAccess")]
    [InlineData("arn:aws-us-gov:iam::aws:policy/AdministratorAccess")]
    public async Task Managed_policy_arns_of_a_role_with_admin_equivalent_policies_are_reported(string arn)
    {
        var json = Plan(Change("aws_iam_role", """["create"]""", $$"""{"name":"ci","managed_policy_arns":["arn:aws:iam::aws:policy/ReadOnlyAccess","{{arn}}"]}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("attaches " + arn[(arn.LastIndexOf('/') + 1)..], Assert.Single(report.Of("iam_wildcards")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attachment_of_PowerUserAccess_is_reported()
    {
        var json = Plan(Change("aws_iam_user_policy_attachment", """["create"]""", """{"user":"dev","policy_arn":"arn:aws:iam::aws:policy/PowerUserAccess"}"""));

        var report = await AnalyzeAsync(json);

        Assert.Single(report.Of("iam_wildcards"));
    }

    [Fact]
    public async Task Google_policy_data_with_allUsers_on_a_project_is_reported()
    {
        var json = Plan(Change("google_project_iam_policy", """["create"]""", """{"project":"p","policy_data":"{\"bindings\":[{\"members\":[\"allUsers\"],\"role\":\"roles/viewer\"}]}"}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("grants roles/viewer to allUsers", Assert.Single(report.Of("iam_wildcards")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Google_policy_data_with_a_primitive_role_is_reported()
    {
        var json = Plan(Change("google_folder_iam_policy", """["update"]""", """{"folder":"folders/1","policy_data":"{\"bindings\":[{\"members\":[\"group:devs@example.com\"],\"role\":\"roles/owner\"}]}"}""", before: "{}"));

        var report = await AnalyzeAsync(json);

        Assert.Contains("grants the primitive role roles/owner to group:devs@example.com", Assert.Single(report.Of("iam_wildcards")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Google_bucket_policy_data_with_allUsers_is_public_storage()
    {
        var json = Plan(Change("google_storage_bucket_iam_policy", """["create"]""", """{"bucket":"b","policy_data":"{\"bindings\":[{\"members\":[\"allUsers\"],\"role\":\"roles/storage.objectViewer\"}]}"}"""));

        var report = await AnalyzeAsync(json);

        Assert.Single(report.Of("public_storage"));
        Assert.Empty(report.Of("iam_wildcards"));
    }

    [Theory]
    [InlineData("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner")]
    [InlineData("/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor")]
    [InlineData("/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator")]
    public async Task Azure_role_assignment_by_definition_id_is_judged_like_by_name(string id, string name)
    {
        var json = Plan(Change("azurerm_role_assignment", """["create"]""", $$"""{"scope":"/subscriptions/0000","role_definition_id":"{{id}}","principal_id":"p"}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains($"assigns {name} at subscription", Assert.Single(report.Of("iam_wildcards")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azure_reader_by_definition_id_is_not_reported()
    {
        var json = Plan(Change("azurerm_role_assignment", """["create"]""", """{"scope":"/subscriptions/0000","role_definition_id":"acdd72a7-3385-48ef-bd42-f606fba81ae7","principal_id":"p"}"""));

        var report = await AnalyzeAsync(json);

        Assert.Empty(report.Of("iam_wildcards"));
    }
}

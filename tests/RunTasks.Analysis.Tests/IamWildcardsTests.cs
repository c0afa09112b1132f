using static RunTasks.Analysis.Tests.Plans;

namespace RunTasks.Analysis.Tests;

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
}

using System.Text;
using RunTasks.Api.Protocol;
using RunTasks.Grains.Configuration;

namespace RunTasks.Tests.Notifications;

/// <summary>vcs_pull_request_url, vcs_repo_url, vcs_branch, vcs_commit_hash and vcs_commit_url read from the request.</summary>
public sealed class VcsFieldsTests
{
    private const string Body = """
        {"access_token":"t","task_result_id":"taskrs-1","task_result_callback_url":"https://app.terraform.io/cb","stage":"post_plan",
         "vcs_pull_request_url":"https://github.com/acme/infra/pull/7","vcs_repo_url":"https://github.com/acme/infra.git",
         "vcs_branch":"feature","vcs_commit_hash":"7d8fb2a2","vcs_commit_url":"https://github.com/acme/infra/commit/7d8fb2a2"}
        """;

    [Fact]
    public void Request_of_a_pull_request_run_carries_its_vcs_fields()
    {
        var request = RunTaskRequestReader.Read(Encoding.UTF8.GetBytes(Body), new RunTasksOptions()).Request!;

        Assert.Equal(
            ("https://github.com/acme/infra/pull/7", "https://github.com/acme/infra.git", "feature", "7d8fb2a2", "https://github.com/acme/infra/commit/7d8fb2a2"),
            (request.Origin!.VcsPullRequestUrl, request.Origin.VcsRepoUrl, request.Origin.VcsBranch, request.Origin.VcsCommitHash, request.Origin.VcsCommitUrl));
    }

    [Fact]
    public void Null_or_non_string_vcs_fields_are_read_as_absent()
    {
        var body = Body.Replace("\"https://github.com/acme/infra/pull/7\"", "null", StringComparison.Ordinal).Replace("\"feature\"", "42", StringComparison.Ordinal);

        var request = RunTaskRequestReader.Read(Encoding.UTF8.GetBytes(body), new RunTasksOptions()).Request!;

        Assert.Equal((null, null), (request.Origin?.VcsPullRequestUrl, request.Origin?.VcsBranch));
    }
}

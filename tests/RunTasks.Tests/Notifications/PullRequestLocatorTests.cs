using RunTasks.Grains.Notifications;

namespace RunTasks.Tests.Notifications;

public sealed class PullRequestLocatorTests
{
    private static readonly NotificationOptions Both = new()
    {
        GitHub = new GitHubOptions { Token = "t", Hosts = ["github.com", "ghe.example.com:8443"] },
        GitLab = new GitLabOptions { Url = "https://gitlab.example.com/gitlab", Token = "t" },
    };

    [Theory]
    [InlineData("https://github.com/acme/infra/pull/7", "github", "acme/infra", 7)]
    [InlineData("https://github.com/acme/infra/pull/7/files", "github", "acme/infra", 7)]
    [InlineData("https://ghe.example.com:8443/acme/infra/pull/12", "github", "acme/infra", 12)]
    [InlineData("https://gitlab.example.com/gitlab/group/sub/project/-/merge_requests/3", "gitlab", "group/sub/project", 3)]
    public void Pull_request_urls_on_configured_forges_are_recognised(string url, string forge, string repository, long number) =>
        Assert.Equal(new PullRequestRef(forge, repository, number), PullRequestLocator.Find(url, Both, allowHttp: false));

    [Theory]
    [InlineData("https://ghe.example.com/acme/infra/pull/12")] // the configured port only
    [InlineData("http://github.com/acme/infra/pull/7")]
    [InlineData("https://user:pw@github.com/acme/infra/pull/7")]
    [InlineData("https://github.com/acme/infra/issues/7")]
    [InlineData("https://gitlab.example.com/group/project/-/merge_requests/3")] // outside the instance's path
    [InlineData("not a url")]
    public void Other_urls_are_not_pull_requests(string url) =>
        Assert.Null(PullRequestLocator.Find(url, Both, allowHttp: false));
}

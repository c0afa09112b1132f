using RunTasks.Grains.Notifications;
using static RunTasks.Tests.Notifications.NotificationSamples;

namespace RunTasks.Tests.Notifications;

public sealed class NotificationPlannerTests
{
    private static NotificationOptions Options(params NotificationRoute[] routes) => new()
    {
        GitHub = new GitHubOptions { Token = "t" },
        Notifications = new RouteOptions { Routes = routes },
    };

    private static NotificationRoute Route(string kind = "slack", string when = "failed", string[]? workspaces = null, string[]? organizations = null) =>
        new() { Kind = kind, Url = "https://hooks.example.com/x", When = when, Workspaces = workspaces ?? [], Organizations = organizations ?? [] };

    [Fact]
    public void Failed_run_on_a_github_pull_request_gets_a_comment()
    {
        var targets = NotificationPlanner.Targets(Request(), Failed(), Options(), allowHttp: false);

        Assert.Equal([new NotificationTarget(NotificationDelivery.PullRequest, ForgeKinds.GitHub)], targets);
    }

    [Fact]
    public void Pull_request_on_an_unconfigured_host_gets_no_comment()
    {
        var targets = NotificationPlanner.Targets(Request(pr: "https://evil.example.com/acme/infra/pull/7"), Failed(), Options(), allowHttp: false);

        Assert.Empty(targets);
    }

    [Fact]
    public void Excluded_workspace_gets_no_comment()
    {
        var options = Options();
        options.PullRequests.Exclude = ["acme/Platform/networking-*"];

        Assert.Empty(NotificationPlanner.Targets(Request(), Failed(), options, allowHttp: false));
        Assert.Single(NotificationPlanner.Targets(Request(workspace: "compute-prod"), Failed(), options, allowHttp: false));
    }

    [Fact]
    public void Comment_off_means_no_comment()
    {
        var options = Options();
        options.PullRequests.Comment = PullRequestOptions.Off;

        Assert.Empty(NotificationPlanner.Targets(Request(), Failed(), options, allowHttp: false));
    }

    [Fact]
    public void Routes_match_by_workspace_glob()
    {
        var options = Options(Route(workspaces: ["*-prod"]), Route(kind: "teams", workspaces: ["*-dev"]));

        var targets = NotificationPlanner.Targets(Request(pr: null), Failed(), options, allowHttp: false);

        Assert.Equal(["route:0"], targets.Select(t => t.Target));
    }

    [Fact]
    public void Routes_match_by_organisation_glob_case_insensitively()
    {
        var options = Options(Route(organizations: ["ACME"]), Route(organizations: ["other*"]));

        Assert.Equal(["route:0"], NotificationPlanner.Targets(Request(pr: null), Failed(), options, allowHttp: false).Select(t => t.Target));
    }

    [Fact]
    public void Failed_route_stays_quiet_for_a_passed_run_and_always_route_speaks()
    {
        var options = Options(Route(), Route(kind: "webhook", when: "always"));

        Assert.Equal(["route:1"], NotificationPlanner.Targets(Request(pr: null), Passed(), options, allowHttp: false).Select(t => t.Target));
    }

    [Fact]
    public void Mandatory_failed_route_ignores_advisory_failures()
    {
        var options = Options(Route(when: "mandatory_failed"));

        Assert.Single(NotificationPlanner.Targets(Request(pr: null), Failed(), options, allowHttp: false));
        Assert.Empty(NotificationPlanner.Targets(Request(pr: null, enforcement: "advisory"), Failed(), options, allowHttp: false));
    }

    [Theory]
    [InlineData("*", "networking-prod", true)]
    [InlineData("net*-prod", "networking-prod", true)]
    [InlineData("net?orking-prod", "networking-prod", true)]
    [InlineData("*-dev", "networking-prod", false)]
    [InlineData("acme/*", "acme/a/b", false)]
    [InlineData("acme/*/*", "acme/a/b", true)]
    public void Globs_match_within_a_name(string glob, string name, bool matches) =>
        Assert.Equal(matches, NameGlob.Matches(glob, name));
}

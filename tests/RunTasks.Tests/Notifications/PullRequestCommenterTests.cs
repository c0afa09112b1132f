using Microsoft.Extensions.DependencyInjection;
using RunTasks.Grains.Notifications;
using RunTasks.Testing;
using static RunTasks.Tests.Notifications.NotificationSamples;

namespace RunTasks.Tests.Notifications;

/// <summary>One comment per pull request, workspace and stage, against the fake GitHub and GitLab.</summary>
public sealed class PullRequestCommenterTests : IAsyncLifetime
{
    private FakeForge _forge = null!;

    public async Task InitializeAsync() => _forge = await FakeForge.StartAsync();

    private NotificationSubject OnGitHub(Grains.Interfaces.TaskResults.Verdict verdict, string workspace = "networking-prod", int minutes = 0) =>
        Subject(verdict, workspace, At.AddMinutes(minutes)) with { PullRequestUrl = _forge.GitHubPullRequest("acme/infra", 7) };

    private async Task<NotificationResult> SendAsync(NotificationSubject subject, string mode = PullRequestOptions.Always)
    {
        var settings = ForgeServices.GitHubToken(_forge);
        settings["RunTasks:PullRequests:Comment"] = mode;
        await using var services = ForgeServices.Create(settings);
        return await services.GetRequiredService<PullRequestCommenter>().SendAsync(subject, CancellationToken.None);
    }

    [Fact]
    public async Task Comment_left_by_a_send_that_was_never_recorded_is_edited_not_repeated()
    {
        await SendAsync(OnGitHub(Failed(Finding("a", "x.one"))));

        var retry = await SendAsync(OnGitHub(Failed(Finding("a", "x.one"))));

        Assert.Equal("edited", retry.Outcome);
        Assert.Single(_forge.Comments);
    }

    [Fact]
    public async Task Earlier_run_finishing_late_does_not_overwrite_a_later_runs_comment()
    {
        await SendAsync(OnGitHub(Failed(Finding("b", "x.two")), minutes: 5));

        var late = await SendAsync(OnGitHub(Failed(Finding("a", "x.one")), minutes: 1));

        Assert.Equal("superseded", late.Outcome);
        Assert.Contains("x.two", Assert.Single(_forge.Comments).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passed_run_without_an_earlier_comment_says_nothing_by_default()
    {
        var result = await SendAsync(OnGitHub(Passed()), PullRequestOptions.FailedOrChanged);

        Assert.Equal(NotificationResultKind.Skipped, result.Kind);
        Assert.Empty(_forge.Comments);
    }

    [Fact]
    public async Task Passed_run_after_a_failed_one_corrects_the_comment_by_default()
    {
        await SendAsync(OnGitHub(Failed(Finding("a", "x.one"))), PullRequestOptions.FailedOrChanged);

        var result = await SendAsync(OnGitHub(Passed(), minutes: 1), PullRequestOptions.FailedOrChanged);

        Assert.Equal("edited", result.Outcome);
        Assert.Contains("RunTasks passed", Assert.Single(_forge.Comments).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passed_run_that_changes_nothing_leaves_the_comment_alone_by_default()
    {
        await SendAsync(OnGitHub(Failed(Finding("a", "x.one"))), PullRequestOptions.FailedOrChanged);
        await SendAsync(OnGitHub(Passed(), minutes: 1), PullRequestOptions.FailedOrChanged);

        var result = await SendAsync(OnGitHub(Passed(), minutes: 2), PullRequestOptions.FailedOrChanged);

        Assert.Equal("unchanged", result.Outcome);
        Assert.Equal(1, _forge.Edits);
    }

    [Fact]
    public async Task Twin_comment_written_at_the_same_moment_elsewhere_is_removed()
    {
        var subject = OnGitHub(Failed(Finding("a", "x.one")));
        await SendAsync(subject);
        // Another silo wrote a comment of the same scope while ours was written: the oldest stays, the twin goes.
        var twin = await SendTwinAsync(subject);

        Assert.Equal("edited", twin.Outcome);
        Assert.Single(_forge.Comments);
    }

    private async Task<NotificationResult> SendTwinAsync(NotificationSubject subject)
    {
        // Written directly, as a second silo's create would be, then our next send finds both.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_forge.GitHubApiUrl}/repos/acme/infra/issues/7/comments")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { body = PullRequestComment.Render(subject) })),
        };
        request.Headers.Authorization = new("Bearer", FakeForge.GitHubToken);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        return await SendAsync(OnGitHub(subject.Verdict, minutes: 1));
    }

    [Fact]
    public async Task Run_that_waited_behind_a_stalled_send_leaves_the_comment_to_the_later_run()
    {
        var stall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _forge.Stall = stall;
        await using var services = ForgeServices.Create(ForgeServices.GitHubToken(_forge));
        var commenter = services.GetRequiredService<PullRequestCommenter>();
        var first = commenter.SendAsync(OnGitHub(Failed(Finding("a", "x.one"))), CancellationToken.None);
        await _forge.FirstHeld;

        var waiting = commenter.SendAsync(OnGitHub(Failed(Finding("a", "x.one")), minutes: 1), CancellationToken.None);
        var latest = commenter.SendAsync(OnGitHub(Failed(Finding("b", "x.two")), minutes: 2), CancellationToken.None);
        stall.TrySetResult();

        Assert.Equal(("created", "superseded", "edited"), ((await first).Outcome, (await waiting).Outcome, (await latest).Outcome));
        Assert.Equal(5, _forge.Requests.Count); // first: list, create, check for a twin; latest: list, edit; the waiting run: none
    }

    [Fact]
    public async Task Gitlab_note_is_created_then_edited()
    {
        var settings = new Dictionary<string, string?>
        {
            ["RunTasks:GitLab:Url"] = _forge.GitLabUrl,
            ["RunTasks:GitLab:Token"] = FakeForge.GitLabToken,
            ["RunTasks:PullRequests:Comment"] = PullRequestOptions.Always,
        };
        await using var services = ForgeServices.Create(settings);
        var commenter = services.GetRequiredService<PullRequestCommenter>();
        var subject = Subject(Failed(Finding("a", "x.one"))) with { PullRequestUrl = _forge.GitLabMergeRequest("platform/network/infra", 3) };

        var first = await commenter.SendAsync(subject, CancellationToken.None);
        var second = await commenter.SendAsync(subject with { AcceptedAt = At.AddMinutes(1) }, CancellationToken.None);

        Assert.Equal(("created", "edited"), (first.Outcome, second.Outcome));
        Assert.Equal("platform/network/infra!3", Assert.Single(_forge.Comments).Thread);
    }

    public async Task DisposeAsync() => await _forge.DisposeAsync();
}

using Microsoft.Extensions.DependencyInjection;
using RunTasks.IntegrationTests.Details;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Notifications;

/// <summary>
/// Failing runs of pull requests through the real service: one comment per pull request, workspace and stage, kept current.
/// Every run also reaches the fixture's "always" webhook route, so a run is settled after two notifications.
/// </summary>
public sealed class PullRequestCommentEndToEndTests(NotificationFixture fx) : IClassFixture<NotificationFixture>
{
    private const string FailingPlan = "fugue__regula__aws-sg-ingress-anywhere.json";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private IGrainFactory Grains => fx.Api.Services.GetRequiredService<IGrainFactory>();

    private async Task<FakeTask> RunAsync(string pullRequest, string workspace = "networking-prod", byte[]? plan = null, int notifications = 2)
    {
        var task = fx.Hcp.AddTask(plan ?? Fixtures.Plan(FailingPlan));
        await fx.Api.PostAsync(NotificationFixture.Payload(fx.Hcp, task, pullRequest, workspace));
        await task.FinalAsync(Wait);
        await NotificationWait.SettledAsync(Grains, task.TaskResultId, notifications);
        return task;
    }

    private string NewPullRequest(out string thread)
    {
        var number = NotificationFixture.NextPullRequest();
        thread = $"acme/infra#{number}";
        return fx.Forge.GitHubPullRequest("acme/infra", number);
    }

    [Fact]
    public async Task First_run_writes_the_comment_and_the_next_run_of_the_pull_request_edits_it()
    {
        var pr = NewPullRequest(out var thread);

        await RunAsync(pr, workspace: "app-a");
        var second = await RunAsync(pr, workspace: "app-a");

        var comment = Assert.Single(fx.Forge.CommentsOn(thread));
        Assert.Equal(1, comment.Edits);
        Assert.Contains("run-" + second.PlanId, comment.Body, StringComparison.Ordinal);
        Assert.Contains("RunTasks failed", comment.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comment_says_what_changed_since_the_workspace_s_previous_recorded_run()
    {
        var pr = NewPullRequest(out var thread);
        var first = await RunAsync(pr, workspace: "app-history");
        await HistoryWait.RecordedAsync(fx.Api.Services, first.TaskResultId, Wait);

        await RunAsync(pr, workspace: "app-history", plan: Fixtures.Plan("fugue__regula__aws-iam-user-policies.json"));

        var comment = Assert.Single(fx.Forge.CommentsOn(thread));
        Assert.Matches(@"Since the previous run: \d+ new, [1-9]\d* fixed\.", comment.Body);
        Assert.Contains(" Fixed: ", comment.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_workspace_of_the_same_pull_request_gets_its_own_comment()
    {
        var pr = NewPullRequest(out var thread);

        await RunAsync(pr, workspace: "app-b");
        await RunAsync(pr, workspace: "app-c");

        var comments = fx.Forge.CommentsOn(thread);
        Assert.Equal(2, comments.Count);
        Assert.Contains(comments, c => c.Body.StartsWith("<!-- runtasks:acme/app-b:post_plan ", StringComparison.Ordinal));
        Assert.Contains(comments, c => c.Body.StartsWith("<!-- runtasks:acme/app-c:post_plan ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_error_then_success_writes_the_comment_once()
    {
        var pr = NewPullRequest(out var thread);
        fx.Forge.WriteFaults.Enqueue(502);

        var task = await RunAsync(pr, workspace: "app-d");

        Assert.Single(fx.Forge.CommentsOn(thread));
        var history = await Grains.GetGrain<Grains.Interfaces.TaskResults.ITaskResultGrain>(task.TaskResultId).GetSnapshot();
        Assert.Contains(history!.History, e => e.What.StartsWith("Pull request comment attempt 1 failed (HTTP 502)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Merge_request_on_gitlab_gets_a_note_that_later_runs_edit()
    {
        var number = NotificationFixture.NextPullRequest();
        var mr = fx.Forge.GitLabMergeRequest("platform/infra", number);

        await RunAsync(mr, workspace: "app-e");
        await RunAsync(mr, workspace: "app-e");

        var note = Assert.Single(fx.Forge.CommentsOn($"platform/infra!{number}"));
        Assert.Equal(1, note.Edits);
    }

    [Fact]
    public async Task No_sensitive_value_or_token_reaches_the_forge_or_any_route()
    {
        var pr = NewPullRequest(out _);

        var task = await RunAsync(pr, workspace: "secrets-prod", plan: SensitivePlan.Create(), notifications: 3);

        var bodies = fx.Forge.Requests.Select(r => r.Body).Concat(fx.Chat.Messages.Select(m => m.Text)).ToList();
        Assert.Contains(bodies, b => b.Contains(SensitivePlan.Address, StringComparison.Ordinal));
        Assert.All(bodies, b => Assert.DoesNotContain(SensitivePlan.Secret, b, StringComparison.Ordinal));
        Assert.All(bodies, b => Assert.DoesNotContain(task.Token, b, StringComparison.Ordinal));
        Assert.DoesNotContain(FakeForge.GitHubToken, fx.Api.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(fx.Chat.Url("slack-prod"), fx.Api.Logs.Text, StringComparison.Ordinal);
    }
}

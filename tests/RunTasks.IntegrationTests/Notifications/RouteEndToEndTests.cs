using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RunTasks.Grains.Notifications;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Notifications;

/// <summary>Chat and webhook routes through the real service: by glob and condition, exactly once, signed.</summary>
public sealed class RouteEndToEndTests(NotificationFixture fx) : IClassFixture<NotificationFixture>
{
    private const string FailingPlan = "fugue__regula__aws-sg-ingress-anywhere.json";

    private async Task<FakeTask> RunAsync(string workspace, int notifications)
    {
        var task = fx.Hcp.AddTask(Fixtures.Plan(FailingPlan));
        await fx.Api.PostAsync(NotificationFixture.Payload(fx.Hcp, task, pullRequestUrl: null, workspace));
        await task.FinalAsync(TimeSpan.FromSeconds(30));
        await NotificationWait.SettledAsync(fx.Api.Services.GetRequiredService<IGrainFactory>(), task.TaskResultId, notifications);
        return task;
    }

    private IEnumerable<ChatMessage> About(FakeTask task) => fx.Chat.Messages.Where(m => m.Text.Contains("run-" + task.PlanId, StringComparison.Ordinal));

    [Fact]
    public async Task Failing_production_run_goes_to_the_production_channel_only_and_once()
    {
        var task = await RunAsync("payments-prod", notifications: 2);

        var messages = About(task).ToList();
        Assert.Single(messages, m => m.Channel == "slack-prod");
        Assert.DoesNotContain(messages, m => m.Channel == "teams-dev");
        using var slack = JsonDocument.Parse(messages.Single(m => m.Channel == "slack-prod").Body);
        Assert.StartsWith("❌ RunTasks failed: acme/Default Project/payments-prod (post_plan)", slack.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_dev_run_goes_to_the_teams_channel_as_an_adaptive_card()
    {
        var task = await RunAsync("payments-dev", notifications: 2);

        var teams = Assert.Single(About(task), m => m.Channel == "teams-dev");
        using var json = JsonDocument.Parse(teams.Body);
        Assert.Equal("AdaptiveCard", json.RootElement.GetProperty("attachments")[0].GetProperty("content").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Webhook_body_carries_a_signature_the_receiver_can_verify()
    {
        var task = await RunAsync("billing-prod", notifications: 2);

        var hook = Assert.Single(About(task), m => m.Channel == "hook");
        Assert.True(WebhookSignature.Verify(NotificationFixture.WebhookSecret, hook.Body, hook.Headers[WebhookSignature.Header]));
        Assert.Equal($"{task.TaskResultId}:route:2", hook.Headers[WebhookSignature.DeliveryHeader]);
        using var json = JsonDocument.Parse(hook.Body);
        Assert.Equal("failed", json.RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Rate_limited_channel_gets_the_message_once_after_retry_after()
    {
        fx.Chat.Faults.GetOrAdd("slack-prod", _ => new()).Enqueue((429, 1));

        var task = await RunAsync("ledger-prod", notifications: 2);

        Assert.Single(About(task), m => m.Channel == "slack-prod");
    }
}

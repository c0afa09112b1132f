using System.Text.Json;
using RunTasks.Grains.Notifications;
using static RunTasks.Tests.Notifications.NotificationSamples;

namespace RunTasks.Tests.Notifications;

public sealed class RouteMessagesTests
{
    [Fact]
    public void Snippet_is_capped_at_500_characters()
    {
        var findings = Enumerable.Range(0, 50).Select(i => Finding("rule_" + i, "aws_instance.n" + i, title: new string('x', 80))).ToArray();

        var snippet = RouteMessages.Snippet(Subject(Failed(findings)));

        Assert.InRange(snippet.Length, 100, RouteMessages.SnippetLength);
        Assert.StartsWith("50 finding(s)\n• error rule_0 on aws_instance.n0", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Slack_message_names_workspace_run_and_verdict_and_links_the_details()
    {
        using var json = JsonDocument.Parse(RouteMessages.Slack(Subject(Failed(Finding("r", "<!channel>")))));

        var text = json.RootElement.GetProperty("text").GetString()!;
        Assert.Contains("RunTasks failed: acme/Platform/networking-prod (post_plan), run run-abc", text, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", text, StringComparison.Ordinal);
        Assert.EndsWith("|Details>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Teams_message_is_an_adaptive_card()
    {
        using var json = JsonDocument.Parse(RouteMessages.Teams(Subject(Failed(Finding("r", "x.y")))));

        var attachment = json.RootElement.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        Assert.Equal("AdaptiveCard", attachment.GetProperty("content").GetProperty("type").GetString());
        Assert.Equal("Action.OpenUrl", attachment.GetProperty("content").GetProperty("actions")[0].GetProperty("type").GetString());
    }

    [Fact]
    public void No_route_body_holds_a_plan_value_or_the_access_token()
    {
        var subject = Subject(Failed(Finding("hardcoded_secrets", "aws_db_instance.main")));

        foreach (var body in new[] { RouteMessages.Slack(subject), RouteMessages.Teams(subject), RouteMessages.Webhook(subject) })
        {
            var text = System.Text.Encoding.UTF8.GetString(body);
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("hcp-token", text, StringComparison.Ordinal);
            Assert.DoesNotContain("(sensitive)", text, StringComparison.Ordinal);
        }
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Notifications;

/// <summary>
/// The bodies sent to routes: a Slack incoming-webhook message, a Teams workflow webhook's Adaptive Card, or the generic
/// JSON document. Each names workspace, run and verdict, the first findings within <see cref="SnippetLength"/>
/// characters, and the details link. Only masked titles, rule ids and addresses; never a plan value or a token.
/// </summary>
public static class RouteMessages
{
    public const int SnippetLength = 500;

    /// <summary>The generic webhook's document has at most this many findings; <c>findings_total</c> counts them all.</summary>
    public const int WebhookFindings = 20;

    public static byte[] Slack(NotificationSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var text = new StringBuilder(SlackEscape(Title(subject))).Append('\n').Append(SlackEscape(Snippet(subject)));
        if (subject.DetailsUrl is { } url)
        {
            text.Append("\n<").Append(SlackEscape(url)).Append("|Details>");
        }

        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["text"] = text.ToString() });
    }

    public static byte[] Teams(NotificationSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray(
                new JsonObject { ["type"] = "TextBlock", ["text"] = Title(subject), ["weight"] = "Bolder", ["wrap"] = true },
                new JsonObject { ["type"] = "TextBlock", ["text"] = Snippet(subject), ["wrap"] = true }),
        };
        if (subject.DetailsUrl is { } url)
        {
            card["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Details", ["url"] = url });
        }

        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["content"] = card,
            }),
        });
    }

    public static byte[] Webhook(NotificationSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var findings = new JsonArray();
        foreach (var f in subject.Findings.Take(WebhookFindings))
        {
            findings.Add(new JsonObject
            {
                ["rule"] = f.RuleId,
                ["severity"] = f.Severity.ToString().ToLowerInvariant(),
                ["address"] = f.Address,
                ["title"] = f.Description,
                ["waived"] = f.Waiver is not null,
            });
        }

        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["event"] = "task_result.verdict",
            ["task_result_id"] = subject.TaskResultId,
            ["stage"] = subject.Stage,
            ["organization"] = subject.Organization,
            ["project"] = subject.Project,
            ["workspace"] = subject.Workspace,
            ["run_id"] = subject.RunId,
            ["run_url"] = subject.RunUrl,
            ["enforcement_level"] = subject.EnforcementLevel,
            ["pull_request_url"] = subject.PullRequestUrl,
            ["verdict"] = subject.Verdict.Status.ToString().ToLowerInvariant(),
            ["message"] = subject.Verdict.Message,
            ["findings_total"] = subject.TotalFindings,
            ["findings"] = findings,
            ["details_url"] = subject.DetailsUrl,
        });
    }

    public static string Title(NotificationSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var icon = subject.Verdict.Status == VerdictStatus.Passed ? "✅" : "❌";
        var where = string.Join('/', new[] { subject.Organization, subject.Project, subject.Workspace }.Where(p => !string.IsNullOrEmpty(p)));
        return $"{icon} RunTasks {subject.Verdict.Status.ToString().ToLowerInvariant()}: {where} ({subject.Stage}), run {subject.RunId ?? "?"}";
    }

    /// <summary>The verdict's message and the first findings, errors first, cut at <see cref="SnippetLength"/> characters.</summary>
    public static string Snippet(NotificationSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var b = new StringBuilder(OneLine(subject.Verdict.Message));
        foreach (var f in subject.Findings.Where(f => f.Waiver is null).OrderByDescending(f => f.Severity))
        {
            var line = $"\n• {f.Severity.ToString().ToLowerInvariant()} {OneLine(f.RuleId)} on {OneLine(f.Address)}: {OneLine(f.Description)}";
            if (b.Length + line.Length > SnippetLength)
            {
                break;
            }

            b.Append(line);
        }

        return b.Length > SnippetLength ? b.ToString(0, SnippetLength - 1) + "…" : b.ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    // Slack's mrkdwn: &, < and > are control characters; escaped, no text can become a link or a mention.
    private static string SlackEscape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}

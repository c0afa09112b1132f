using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using RunTasks.Grains.Details;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Api.Details;

/// <summary>
/// The details page HCP Terraform links to, written as plain server-side HTML: every value from the request or the plan
/// is HTML-encoded, finding bodies go through <see cref="FindingMarkdown"/>, and nothing is loaded from elsewhere.
/// </summary>
public static class DetailsPage
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static string Render(TaskResultDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var s = details.Snapshot;
        var (css, label) = Status(s);
        var html = new StringBuilder(16 * 1024);
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            .Append("<title>").Append(E($"{label} · {details.WorkspaceName ?? s.TaskResultId} · RunTasks")).Append("</title>")
            .Append("<style>").Append(DetailsStyles.Css).Append("</style></head><body><main>\n");

        html.Append("<header class=\"verdict ").Append(css).Append("\"><span class=\"badge\">").Append(E(label)).Append("</span>")
            .Append("<h1>").Append(E(s.Message ?? "Waiting for the plan check")).Append("</h1><p class=\"muted\">")
            .Append(E(StageLabel(s.Stage))).Append(" · ").Append(E(details.EnforcementLevel ?? "enforcement unknown"))
            .Append(" · ").Append(E(DeliveryLabel(s))).Append("</p></header>\n");

        AppendRun(html, details);
        if (details.Verdict is { } verdict)
        {
            AppendFindings(html, verdict);
            AppendPlan(html, verdict.Plan);
            AppendPolicySets(html, verdict.PolicySets);
        }
        AppendTimeline(html, s);
        html.Append("<footer>Task result <code>").Append(E(s.TaskResultId)).Append("</code> · page generated ")
            .Append(E(Time(now))).Append(" by RunTasks</footer>\n</main></body></html>\n");
        return html.ToString();
    }

    private static void AppendRun(StringBuilder html, TaskResultDetails d)
    {
        html.Append("<section class=\"run\"><h2>Run</h2><dl>");
        Row(html, "Organisation", E(d.OrganizationName ?? "—"));
        if (d.ProjectName is { } project)
        {
            Row(html, "Project", E(project));
        }

        Row(html, "Workspace", Link(d.WorkspaceName ?? "—", d.WorkspaceAppUrl));
        Row(html, "Run", Link(d.RunId ?? "open in HCP Terraform", d.RunAppUrl) + (d.IsSpeculative ? " <span class=\"muted\">(speculative plan)</span>" : ""));
        Row(html, "Stage", E(StageLabel(d.Snapshot.Stage)));
        Row(html, "Received", $"<time>{E(Time(d.Snapshot.AcceptedAt))}</time>");
        html.Append("</dl></section>\n");
    }

    private static void AppendFindings(StringBuilder html, VerdictDetails verdict)
    {
        var total = verdict.Findings.Count + verdict.OmittedFindings;
        html.Append("<section class=\"findings\"><h2>Findings (").Append(total).Append(")</h2>");
        if (total == 0)
        {
            html.Append("<p>No policy found anything to report in this plan.</p>");
        }

        foreach (var group in verdict.Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key))
        {
            var (css, heading) = Severity(group.Key);
            html.Append("<h3><span class=\"badge ").Append(css).Append("\">").Append(heading).Append("</span> ")
                .Append(group.Count()).Append("</h3>\n");
            foreach (var finding in group)
            {
                html.Append("<article class=\"finding ").Append(css).Append("\"><h4>").Append(E(finding.Description)).Append("</h4>")
                    .Append("<p class=\"meta\"><code>").Append(E(finding.Address)).Append("</code> · rule <code>")
                    .Append(E(finding.RuleId)).Append("</code></p><div class=\"body\">")
                    .Append(FindingMarkdown.ToHtml(finding.Body, finding.Description)).Append("</div></article>\n");
            }
        }
        if (verdict.OmittedFindings > 0)
        {
            html.Append("<p class=\"muted\">").Append(verdict.OmittedFindings)
                .Append(" further findings are not kept: a task result keeps at most ").Append(VerdictDetails.MaxFindings).Append(", errors first.</p>");
        }

        html.Append("</section>\n");
    }

    private static void AppendPlan(StringBuilder html, PlanCounts plan)
    {
        html.Append("<section class=\"plan\"><h2>Plan</h2><ul class=\"counts\">");
        Count(html, plan.Create, "to create");
        Count(html, plan.Update, "to update");
        Count(html, plan.Replace, "to replace");
        Count(html, plan.Delete, "to destroy");
        if (plan.Read > 0)
        {
            Count(html, plan.Read, "to read");
        }

        html.Append("</ul>");
        AddressList(html, "Replaced", plan.Replacements, plan.Replace);
        AddressList(html, "Destroyed", plan.Deletions, plan.Delete);
        html.Append("<p class=\"muted\">");
        html.Append(plan.TerraformVersion is { } version ? $"Terraform {E(version)}" : "Terraform version not stated");
        if (plan.Errored)
        {
            html.Append(" · <strong>the plan errored</strong>");
        }

        html.Append("</p></section>\n");
    }

    private static void AppendPolicySets(StringBuilder html, IReadOnlyList<string> sets)
    {
        html.Append("<section class=\"policies\"><h2>Policy sets applied</h2>");
        if (sets.Count == 0)
        {
            html.Append("<p>None: no policy set applies to this organisation, workspace and stage.</p>");
        }
        else
        {
            html.Append("<ul>").AppendJoin("", sets.Select(set => $"<li><code>{E(set)}</code></li>")).Append("</ul>");
        }

        html.Append("</section>\n");
    }

    private static void AppendTimeline(StringBuilder html, TaskResultSnapshot s)
    {
        html.Append("<section class=\"timeline\"><h2>Timeline</h2><ol class=\"timeline\">");
        foreach (var e in s.History)
        {
            html.Append("<li><time datetime=\"").Append(E(e.At.ToString("O", CultureInfo.InvariantCulture))).Append("\">")
                .Append(E(Time(e.At))).Append(" <span>+").Append(E(Elapsed(e.At - s.AcceptedAt))).Append("</span></time><span>")
                .Append(E(e.What)).Append("</span></li>");
        }

        html.Append("</ol><p class=\"muted\">Final callback attempts: ").Append(s.CallbackAttempts);
        if (s.NextAttemptAt is { } next && s.Phase != TaskPhase.Done)
        {
            html.Append(" · next at ").Append(E(Time(next)));
        }

        if (s.LastError is { } error)
        {
            html.Append(" · last error: ").Append(E(error));
        }

        html.Append("</p></section>\n");
    }

    private static void Row(StringBuilder html, string term, string definitionHtml) =>
        html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(definitionHtml).Append("</dd>");

    private static void Count(StringBuilder html, int count, string what) =>
        html.Append("<li><b>").Append(count).Append("</b>").Append(E(what)).Append("</li>");

    private static void AddressList(StringBuilder html, string title, IReadOnlyList<string> addresses, int total)
    {
        if (addresses.Count == 0)
        {
            return;
        }

        html.Append("<h3>").Append(E(title)).Append("</h3><ul>")
            .AppendJoin("", addresses.Select(a => $"<li><code>{E(a)}</code></li>"));
        if (total > addresses.Count)
        {
            html.Append("<li class=\"muted\">and ").Append(total - addresses.Count).Append(" more</li>");
        }

        html.Append("</ul>");
    }

    /// <summary>Only http(s) links from the request become anchors; rel=noreferrer keeps the signed URL from leaking.</summary>
    private static string Link(string text, string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"<a href=\"{E(uri.AbsoluteUri)}\" rel=\"noreferrer noopener\">{E(text)}</a>"
            : E(text);

    private static (string Css, string Label) Status(TaskResultSnapshot s) => s.Verdict switch
    {
        VerdictStatus.Failed => ("failed", "Failed"),
        VerdictStatus.Passed => ("passed", "Passed"),
        _ => ("pending", "Running"),
    };

    private static (string Css, string Heading) Severity(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => ("error", "Errors"),
        FindingSeverity.Warning => ("warning", "Warnings"),
        _ => ("info", "Information"),
    };

    private static string DeliveryLabel(TaskResultSnapshot s) => s.Delivery switch
    {
        DeliveryOutcome.Delivered => "reported to HCP Terraform",
        DeliveryOutcome.Rejected => "HCP Terraform refused the result",
        DeliveryOutcome.Expired => "not delivered before the deadline",
        _ => s.Phase == TaskPhase.CallbackPending ? "delivering to HCP Terraform" : "check in progress",
    };

    private static string StageLabel(string stage) => stage switch
    {
        "pre_plan" => "Pre-plan",
        "post_plan" => "Post-plan",
        "pre_apply" => "Pre-apply",
        "post_apply" => "Post-apply",
        _ => stage,
    };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Elapsed(TimeSpan span) => span.TotalSeconds < 60
        ? span.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture)
        : span.ToString(span.TotalHours < 1 ? @"m\m\ ss\s" : @"h\h\ mm\m", CultureInfo.InvariantCulture);

    private static string E(string text) => Encoder.Encode(text);
}

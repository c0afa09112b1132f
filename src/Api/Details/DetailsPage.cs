using System.Globalization;
using System.Text;
using RunTasks.Analysis.Engine;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Api.Details;

/// <summary>
/// The details page HCP Terraform links to, written as plain server-side HTML: every value from the request or the plan
/// is HTML-encoded with invisible controls shown (<see cref="VisibleText"/>) and isolated in <c>&lt;bdi&gt;</c>, findings
/// are laid out from their structured fields (only the rule's own prose goes through <see cref="FindingMarkdown"/>),
/// and nothing is loaded from elsewhere.
/// </summary>
public static class DetailsPage
{
    /// <param name="exceptionHelp">RunTasks:Details:ExceptionHelp: markdown telling readers how to ask for an exception; shown with findings.</param>
    /// <param name="historyUrl">The workspace's page in the reports, when people can reach them from here; null hides the link.</param>
    public static string Render(TaskResultDetails details, DateTimeOffset now, string? exceptionHelp = null, string? historyUrl = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        var s = details.Snapshot;
        var state = DetailsSummary.StateOf(details);
        var (css, label) = Status(s, state);
        var html = new StringBuilder(16 * 1024);
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            .Append("<title>").Append(E($"{label} · {details.WorkspaceName ?? s.TaskResultId} · RunTasks")).Append("</title>")
            .Append("<style>").Append(DetailsStyles.Css).Append("</style></head><body><main>\n");

        html.Append("<header class=\"verdict ").Append(css).Append("\"><span class=\"badge\">").Append(E(label)).Append("</span>")
            .Append("<h1>").Append(Isolated(DetailsSummary.Headline(details))).Append("</h1>");
        if (state is CheckState.NotChecked or CheckState.NothingToCheck && s.Message is { } reason)
        {
            html.Append("<p class=\"reason\">").Append(Isolated(reason)).Append("</p>");
        }

        html.Append("<p class=\"muted\">")
            .Append(E(StageLabel(s.Stage))).Append(" · ").Append(Isolated(details.EnforcementLevel ?? "enforcement unknown"))
            .Append(" · ").Append(E(DeliveryLabel(s))).Append("</p></header>\n");

        AppendRun(html, details, historyUrl);
        if (details.Verdict is { } verdict)
        {
            AppendFindings(html, verdict, state == CheckState.Checked ? exceptionHelp : null);
            if (state == CheckState.Checked)
            {
                // An unread plan has no counts and ran no set: zeros and "no policy set applies" would mislead.
                AppendPlan(html, verdict.Plan);
                AppendPolicySets(html, verdict.PolicySets);
            }
        }
        AppendTimeline(html, s);
        html.Append("<footer>Task result <code>").Append(E(s.TaskResultId)).Append("</code> · page generated ")
            .Append(E(Time(now))).Append(" by RunTasks</footer>\n</main></body></html>\n");
        return html.ToString();
    }

    private static void AppendRun(StringBuilder html, TaskResultDetails d, string? historyUrl)
    {
        html.Append("<section class=\"run\"><h2>Run</h2><dl>");
        Row(html, "Organisation", Isolated(d.OrganizationName ?? "—"));
        if (d.ProjectName is { } project)
        {
            Row(html, "Project", Isolated(project));
        }

        Row(html, "Workspace", Link(d.WorkspaceName ?? "—", d.WorkspaceAppUrl) + (historyUrl is null ? "" : $" · <a href=\"{E(historyUrl)}\">its history</a>"));
        Row(html, "Run", Link(d.RunId ?? "open in HCP Terraform", d.RunAppUrl) + (d.IsSpeculative ? " <span class=\"muted\">(speculative plan)</span>" : ""));
        Row(html, "Stage", E(StageLabel(d.Snapshot.Stage)));
        Row(html, "Received", $"<time>{E(Time(d.Snapshot.AcceptedAt))}</time>");
        html.Append("</dl></section>\n");
    }

    private static void AppendFindings(StringBuilder html, VerdictDetails verdict, string? exceptionHelp)
    {
        var waived = verdict.Findings.Count(f => f.Waiver is not null);
        var total = verdict.Findings.Count - waived + verdict.OmittedFindings;
        html.Append("<section class=\"findings\"><h2>Findings (").Append(total).Append(")</h2>");
        if (total == 0)
        {
            html.Append(waived == 0 ? "<p>No policy found anything to report in this plan.</p>" : "<p>Nothing open: every finding of this plan is waived (below).</p>");
        }
        else if (exceptionHelp is { Length: > 0 } help && verdict.Findings.Any(f => f.Severity != FindingSeverity.Info && f.Waiver is null))
        {
            html.Append("<div class=\"help\"><strong>Need an exception?</strong>").Append(FindingMarkdown.ToHtml(help)).Append("</div>");
        }

        foreach (var group in verdict.Findings.Where(f => f.Waiver is null).GroupBy(f => f.Severity).OrderByDescending(g => g.Key))
        {
            var (css, heading) = Severity(group.Key);
            html.Append("<h3><span class=\"badge ").Append(css).Append("\">").Append(heading).Append("</span> ")
                .Append(group.Count()).Append("</h3>\n");
            foreach (var finding in group)
            {
                html.Append("<article class=\"finding ").Append(css).Append("\"><h4>").Append(Isolated(finding.Description)).Append("</h4>")
                    .Append("<p class=\"meta\"><code>").Append(Isolated(finding.Address)).Append("</code> · rule <code>")
                    .Append(Isolated(finding.RuleId)).Append("</code></p><div class=\"body\">");
                AppendFindingBody(html, finding);
                html.Append("</div></article>\n");
            }
        }
        if (verdict.OmittedFindings > 0)
        {
            html.Append("<p class=\"muted\">").Append(verdict.OmittedFindings)
                .Append(" further findings are not kept: a task result keeps at most ").Append(VerdictDetails.MaxFindings).Append(", errors first.</p>");
        }

        html.Append("</section>\n");
        AppendWaived(html, [.. verdict.Findings.Where(f => f.Waiver is not null)]);
    }

    /// <summary>Waived findings in their own section: never hidden, counted by rule, each with its waiver.</summary>
    private static void AppendWaived(StringBuilder html, List<FindingDetail> waived)
    {
        if (waived.Count == 0)
        {
            return;
        }

        html.Append("<section class=\"waived\"><h2>Waived (").Append(waived.Count).Append(")</h2>")
            .Append("<p class=\"muted\">Accepted risks: these findings fail no run until their waiver expires.</p><ul class=\"counts\">");
        foreach (var rule in waived.GroupBy(f => f.RuleId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            html.Append("<li><code>").Append(Isolated(rule.Key)).Append("</code> ").Append(rule.Count()).Append("</li>");
        }

        html.Append("</ul>\n");
        foreach (var finding in waived)
        {
            var w = finding.Waiver!;
            var (css, heading) = Severity(finding.Severity);
            html.Append("<article class=\"finding waived\"><h4><span class=\"badge ").Append(css).Append("\">").Append(heading).Append("</span> ")
                .Append(Isolated(finding.Description)).Append("</h4>")
                .Append("<p class=\"meta\"><code>").Append(Isolated(finding.Address)).Append("</code> · rule <code>")
                .Append(Isolated(finding.RuleId)).Append("</code></p><dl class=\"facts\">");
            Row(html, "Waiver", $"<code>{Isolated(w.Id)}</code>");
            Row(html, "Reason", Isolated(w.Reason));
            Row(html, "Owner", Isolated(w.Owner));
            Row(html, "Approved by", Isolated(w.ApprovedBy));
            if (w.Ticket is { } ticket)
            {
                Row(html, "Ticket", Link(ticket, ticket));
            }

            Row(html, "Expires", Isolated(w.Expires));
            html.Append("</dl></article>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>
    /// Plan-derived fields as encoded text; only the rule's prose (why, fix, notes) as sanitised markdown. Results stored
    /// before findings carried fields fall back to the whole body, sanitised.
    /// </summary>
    private static void AppendFindingBody(StringBuilder html, FindingDetail finding)
    {
        if (finding.Why is null)
        {
            html.Append(FindingMarkdown.ToHtml(finding.Body, finding.Description));
            return;
        }

        if (finding.Action is not null || finding.Attribute is not null)
        {
            html.Append("<dl class=\"facts\">");
            if (finding.Action is { } action)
            {
                Row(html, "Planned action", Isolated(action));
            }

            if (finding.Attribute is { } attribute)
            {
                Row(html, "Attribute", attribute.Length == 0 ? "(whole resource)" : $"<code>{Isolated(attribute)}</code>");
                Row(html, "Before → after", $"<code>{Isolated(finding.Before ?? "null")}</code> → <code>{Isolated(finding.After ?? "null")}</code>");
            }

            html.Append("</dl>");
        }

        if (finding.Notes is { } notes)
        {
            html.Append(FindingMarkdown.ToHtml(notes));
        }

        html.Append("<h5>Why it matters</h5>").Append(FindingMarkdown.ToHtml(finding.Why));
        if (finding.Fix is { } fix)
        {
            html.Append("<h5>How to fix</h5>").Append(FindingMarkdown.ToHtml(fix));
        }
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
            html.Append("<ul>").AppendJoin("", sets.Select(set => $"<li><code>{Isolated(set)}</code></li>")).Append("</ul>");
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
                .Append(Isolated(e.What)).Append("</span></li>");
        }

        html.Append("</ol><p class=\"muted\">Final callback attempts: ").Append(s.CallbackAttempts);
        if (s.NextAttemptAt is { } next && s.Phase != TaskPhase.Done)
        {
            html.Append(" · next at ").Append(E(Time(next)));
        }

        if (s.LastError is { } error)
        {
            html.Append(" · last error: ").Append(Isolated(error));
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
            .AppendJoin("", addresses.Select(a => $"<li><code>{Isolated(a)}</code></li>"));
        if (total > addresses.Count)
        {
            html.Append("<li class=\"muted\">and ").Append(total - addresses.Count).Append(" more</li>");
        }

        html.Append("</ul>");
    }

    /// <summary>Only http(s) links from the request become anchors; rel=noreferrer keeps the signed URL from leaking.</summary>
    private static string Link(string text, string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"<a href=\"{E(uri.AbsoluteUri)}\" rel=\"noreferrer noopener\">{Isolated(text)}</a>"
            : Isolated(text);

    private static (string Css, string Label) Status(TaskResultSnapshot s, CheckState state) => (s.Verdict, state) switch
    {
        (VerdictStatus.Failed, CheckState.NotChecked) => ("unchecked", "Failed · not checked"),
        (VerdictStatus.Passed, CheckState.NotChecked) => ("unchecked", "Passed · not checked"),
        (VerdictStatus.Failed, _) => ("failed", "Failed"),
        (VerdictStatus.Passed, _) => ("passed", "Passed"),
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

    /// <summary>Encoded text with invisible controls shown as escapes.</summary>
    private static string E(string text) => HtmlText.Encode(text);

    /// <summary>A value from the request or the plan: encoded, controls shown, and isolated so it cannot reorder the text around it.</summary>
    private static string Isolated(string text) => HtmlText.Isolated(text);
}

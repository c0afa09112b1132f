using RunTasks.Api.Details;
using RunTasks.Grains.Details;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Tests.Details;

public sealed class DetailsPageTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Values_from_the_request_are_html_encoded()
    {
        var html = DetailsPage.Render(Details(workspace: "<script>alert(1)</script>"), At);

        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_html_in_a_finding_body_is_shown_as_text()
    {
        var html = DetailsPage.Render(Details(findings: [Finding(FindingSeverity.Error, body: "Before <img src=x onerror=alert(1)> after")]), At);

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;img", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_links_and_remote_images_in_a_body_are_neutralised()
    {
        var html = DetailsPage.Render(Details(findings: [Finding(FindingSeverity.Error,
            body: "[click](javascript:alert(1)) ![tracker](https://tracker.example.com/p.png) [docs](https://docs.example.com/x)")]), At);

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://docs.example.com/x\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_back_to_hcp_terraform_accept_only_http_urls()
    {
        var html = DetailsPage.Render(Details(runAppUrl: "javascript:alert(1)", workspaceAppUrl: "https://app.terraform.io/app/acme/workspaces/net"), At);

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://app.terraform.io/app/acme/workspaces/net\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_are_listed_before_warnings()
    {
        var html = DetailsPage.Render(Details(findings:
            [Finding(FindingSeverity.Warning, address: "aws_s3_bucket.warned"), Finding(FindingSeverity.Error, address: "aws_db_instance.failed")]), At);

        Assert.True(html.IndexOf("aws_db_instance.failed", StringComparison.Ordinal) < html.IndexOf("aws_s3_bucket.warned", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_summary_policy_sets_and_timeline_are_shown()
    {
        var html = DetailsPage.Render(Details(findings: []), At);

        Assert.Contains("<b>3</b>to create", html, StringComparison.Ordinal);
        Assert.Contains("<b>1</b>to destroy", html, StringComparison.Ordinal);
        Assert.Contains("aws_s3_bucket.logs", html, StringComparison.Ordinal);
        Assert.Contains("security-baseline", html, StringComparison.Ordinal);
        Assert.Contains("Final status accepted by HCP Terraform", html, StringComparison.Ordinal);
        Assert.Contains("2026-11-25 12:00:05 UTC", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_title_in_the_body_is_not_shown_twice()
    {
        var finding = Finding(FindingSeverity.Error, body: "### Bucket is public\n\n**Why it matters:** anyone can read it.") with { Description = "Bucket is public" };

        var html = DetailsPage.Render(Details(findings: [finding]), At);

        var findings = html[html.IndexOf("<article", StringComparison.Ordinal)..];
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(findings, "Bucket is public"));
    }

    [Fact]
    public async Task Injected_markdown_in_a_plan_address_stays_text_on_the_page()
    {
        var html = DetailsPage.Render(Details(findings: await HostileFindings.DetailsAsync()), At);

        Assert.DoesNotContain(HostileFindings.Waiver + "</h", html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example/x\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:alert(1)\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bidi_controls_in_a_plan_address_are_shown_and_isolated_on_the_page()
    {
        var html = DetailsPage.Render(Details(findings: await HostileFindings.DetailsAsync()), At);

        Assert.DoesNotContain(HostileFindings.RightToLeftOverride, html);
        Assert.DoesNotContain("&#x202E;", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("safe&lt;U&#x2B;202E&gt;txt.exe", html, StringComparison.Ordinal);
        Assert.Contains("<code><bdi>aws_s3_bucket.b", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Bidi_controls_in_a_workspace_name_are_shown_and_isolated()
    {
        var html = DetailsPage.Render(Details(workspace: "prod\u202Edorp"), At);

        Assert.DoesNotContain("\u202E", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x202E;", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<bdi>prod&lt;U&#x2B;202E&gt;dorp</bdi>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Finding_with_fields_is_laid_out_from_them_not_from_its_markdown()
    {
        var finding = Finding(FindingSeverity.Error, body: "## FAKE HEADING FROM THE BODY") with
        {
            Action = "delete",
            Attribute = "acl",
            Before = "\"private\"",
            After = "\"public-read\"",
            Why = "Anyone can read it.",
            Fix = "Use `private`.",
        };

        var html = DetailsPage.Render(Details(findings: [finding]), At);

        Assert.DoesNotContain("FAKE HEADING", html, StringComparison.Ordinal);
        Assert.Contains("<code><bdi>&quot;private&quot;</bdi></code> → <code><bdi>&quot;public-read&quot;</bdi></code>", html, StringComparison.Ordinal);
        Assert.Contains("<code>private</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_download_says_the_plan_was_not_checked_in_the_headline()
    {
        var html = DetailsPage.Render(NotChecked("Could not download the plan after 3 attempts: 503 Service Unavailable."), At);

        Assert.Contains("<h1><bdi>RunTasks could not check this plan — not a finding in your code — re-run the plan</bdi></h1>", html, StringComparison.Ordinal);
        Assert.Contains("Could not download the plan after 3 attempts", html, StringComparison.Ordinal);
        Assert.Contains("Failed · not checked", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Watchdog_pass_says_the_plan_was_not_checked()
    {
        var details = NotChecked("RunTasks did not finish within 00:09:00. Passed because RunTasks:OnTimeout is 'pass'.", VerdictStatus.Passed);

        var html = DetailsPage.Render(details, At);

        Assert.Contains("not a finding in your code — re-run the plan", html, StringComparison.Ordinal);
        Assert.Contains("Passed · not checked", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_plan_says_the_plan_was_not_checked()
    {
        var unreadable = new FindingDetail("plan_unreadable", FindingSeverity.Error, "plan", "The plan is not valid JSON (line 1, byte 2).", "### The plan could not be analysed");

        var html = DetailsPage.Render(Details(findings: [unreadable]), At);

        Assert.Contains("<h1><bdi>" + DetailsSummary.NotCheckedHeadline + "</bdi></h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Policy sets applied", html, StringComparison.Ordinal);
        Assert.DoesNotContain("to create", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Details_marked_not_checked_say_so_in_the_headline()
    {
        var details = Details();
        details = details with { Verdict = details.Verdict! with { NotChecked = true } };

        var html = DetailsPage.Render(details, At);

        Assert.Contains("<h1><bdi>" + DetailsSummary.NotCheckedHeadline + "</bdi></h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Pre_plan_pass_says_there_was_nothing_to_check()
    {
        var details = Details();
        details = details with { Snapshot = details.Snapshot with { Stage = "pre_plan", Verdict = VerdictStatus.Passed, Message = "No plan checks apply at the pre_plan stage: there is no plan yet." }, Verdict = null };

        var html = DetailsPage.Render(details, At);

        Assert.Contains("<h1><bdi>Nothing to check: there is no plan at the pre-plan stage</bdi></h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("not a finding in your code", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Headline_of_a_checked_plan_is_the_counts_and_first_finding_not_the_whole_message()
    {
        var details = Details(findings: [Finding(FindingSeverity.Warning, address: "aws_s3_bucket.w"), Finding(FindingSeverity.Error, address: "aws_db_instance.e")]);
        details = details with { Snapshot = details.Snapshot with { Message = "1 error, 1 warning — " + new string('x', 900) } };

        var html = DetailsPage.Render(details, At);

        Assert.Contains("<h1><bdi>1 error, 1 warning — first: aws_db_instance.e is readable by anyone</bdi></h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 900), html, StringComparison.Ordinal);
    }

    [Fact]
    public void Exception_help_is_shown_with_the_findings_of_a_checked_plan()
    {
        var html = DetailsPage.Render(Details(), At, "Ask in [#platform-policy](https://chat.example.com/policy) or [here](javascript:alert(1)).");

        Assert.Contains("Need an exception?", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://chat.example.com/policy\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Exception_help_is_not_offered_when_the_plan_was_not_checked()
    {
        var html = DetailsPage.Render(NotChecked("Could not download the plan."), At, "Ask in #platform-policy.");

        Assert.DoesNotContain("Need an exception?", html, StringComparison.Ordinal);
    }

    private static TaskResultDetails NotChecked(string message, VerdictStatus status = VerdictStatus.Failed)
    {
        var details = Details();
        return details with { Snapshot = details.Snapshot with { Verdict = status, Message = message }, Verdict = null };
    }

    private static FindingDetail Finding(FindingSeverity severity, string address = "aws_s3_bucket.logs", string body = "**Why it matters:** data.") =>
        new("public_storage", severity, address, $"{address} is readable by anyone", body);

    private static TaskResultDetails Details(
        string workspace = "networking-prod", IReadOnlyList<FindingDetail>? findings = null, string? runAppUrl = null, string? workspaceAppUrl = null)
    {
        var snapshot = new TaskResultSnapshot(
            "taskrs-abc", "post_plan", TaskPhase.Done, At, At.AddSeconds(5), At.AddHours(1), VerdictStatus.Failed, "1 error", 1, 1,
            DeliveryOutcome.Delivered, null, null, At.AddSeconds(5), 1,
            [new TaskEvent(At, "Received post_plan request"), new TaskEvent(At.AddSeconds(5), "Final status accepted by HCP Terraform")]);
        var verdict = new VerdictDetails(
            new PlanCounts(3, 0, 0, 1, 0, ["aws_s3_bucket.logs"], [], "1.9.0", false),
            findings ?? [Finding(FindingSeverity.Error)],
            ["security-baseline"],
            0);
        return new TaskResultDetails(snapshot, "acme", null, workspace, "run-123", runAppUrl, workspaceAppUrl, "mandatory", false, verdict);
    }
}

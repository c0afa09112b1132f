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

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "Bucket is public"));
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

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RunTasks.Grains.History;
using RunTasks.IntegrationTests.Details;
using RunTasks.Testing;
using static RunTasks.IntegrationTests.Reports.HistorySeed;

namespace RunTasks.IntegrationTests.Reports;

/// <summary>
/// The report pages over recorded runs, served on the one port in Development: what a platform lead reads (which
/// workspaces and rules fail, what is new and fixed), filters and paging, and recorded text kept inert.
/// RUNTASKS_UPDATE_SCREENSHOT=1 also refreshes docs/reports-summary.png.
/// </summary>
public sealed class ReportPagesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Summary_names_the_rules_and_workspaces_that_fail_most_and_what_was_new_and_fixed()
    {
        await using var api = await StartAsync();
        await WriteAsync(api.Services,
            Run("prod-edge", Now.AddDays(-3), Error("network_exposure", "aws_security_group.ssh"), Error("public_storage", "aws_s3_bucket.logs")),
            Run("prod-edge", Now.AddDays(-2), Error("network_exposure", "aws_security_group.ssh")),
            Run("prod-data", Now.AddDays(-1), Error("network_exposure", "aws_security_group.db")),
            Run("dev-sandbox", Now.AddHours(-1)));

        var body = await api.Http.GetStringAsync("/reports?days=7");

        Assert.Matches("network_exposure</bdi></a></td><td class=\"n\">3</td>", body);
        Assert.Contains("acme / prod-edge</bdi></a></td><td class=\"n\">2</td><td class=\"n\">2</td>", body, StringComparison.Ordinal);
        Assert.Contains("<b>4</b>runs", body, StringComparison.Ordinal);
        Assert.Contains("<b>1</b>fixed findings", body, StringComparison.Ordinal); // the bucket, gone in prod-edge's second run
        Assert.Contains("<svg class=\"chart\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_are_filtered_by_workspace_glob_and_verdict_and_paged()
    {
        await using var api = await StartAsync();
        var entries = Enumerable.Range(0, 60).Select(i => Run($"prod-{i:00}", Now.AddMinutes(-i), Error("iam_wildcards", "aws_iam_policy.admin"))).ToList();
        entries.Add(Run("dev-01", Now, Error("iam_wildcards", "aws_iam_policy.admin")));
        entries.Add(Run("prod-passing", Now));
        await WriteAsync(api.Services, [.. entries]);

        var first = await api.Http.GetStringAsync("/reports/runs?workspace=prod-*&verdict=failed");
        var next = System.Text.RegularExpressions.Regex.Match(first, "rel=\"next\" href=\"([^\"]+)\"").Groups[1].Value;
        var second = await api.Http.GetStringAsync(WebUtility.HtmlDecode(next));

        Assert.Contains("acme / prod-00", first, StringComparison.Ordinal);
        Assert.DoesNotContain("dev-01", first + second, StringComparison.Ordinal);
        Assert.DoesNotContain("prod-passing", first + second, StringComparison.Ordinal);
        Assert.Equal(60, CountRows(first) + CountRows(second));
        Assert.Contains("acme / prod-59", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workspace_page_lists_its_open_findings_with_the_day_they_were_first_seen()
    {
        await using var api = await StartAsync();
        await WriteAsync(api.Services,
            Run("prod-edge", Now.AddDays(-5), Error("network_exposure", "aws_security_group.ssh")),
            Run("prod-edge", Now.AddDays(-1), Error("network_exposure", "aws_security_group.ssh"), Error("public_storage", "aws_s3_bucket.logs")));

        var body = await api.Http.GetStringAsync("/reports/workspaces/acme/prod-edge");

        Assert.Contains($"<time>{Now.AddDays(-5):yyyy-MM-dd}</time>", body, StringComparison.Ordinal);
        Assert.Contains($"<time>{Now.AddDays(-1):yyyy-MM-dd}</time>", body, StringComparison.Ordinal);
        Assert.Contains("aws_s3_bucket.logs", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync("/reports/workspaces/acme/never-ran")).StatusCode);
    }

    [Fact]
    public async Task Recorded_text_is_shown_inert()
    {
        await using var api = await StartAsync();
        var hostile = Run("acme", "<script>alert(1)</script>", Now, Error("public_storage", "aws_s3_bucket.b[\"<img src=x onerror=alert(2)>\"]"));
        await WriteAsync(api.Services, hostile);

        var runs = await api.Http.GetStringAsync("/reports/runs");
        var run = await api.Http.GetAsync($"/reports/runs/{hostile.Run.TaskResultId}");
        var page = await run.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>", runs + page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", runs + page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", runs, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", run.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judged_run_appears_in_its_workspace_history_linked_from_its_details_page()
    {
        await using var hcp = await FakeHcp.StartAsync();
        await using var api = await ApiHost.StartAsync(hcp, environment: "Development");
        var task = hcp.AddTask(Fixtures.Plan("bridgecrewio__checkov__runner-55-aws-creates.json"));

        await api.PostAsync(hcp.Payload(task));
        await task.FinalAsync(TimeSpan.FromSeconds(60));
        await api.WaitForDoneAsync(task.TaskResultId);
        var recorded = await HistoryWait.RecordedAsync(api.Services, task.TaskResultId, TimeSpan.FromSeconds(30));
        var details = await api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, api.DetailsPath(task.TaskResultId)) { Headers = { { "Accept", "text/html" } } });
        var history = await api.Http.GetStringAsync("/reports/workspaces/acme/networking-prod");

        Assert.Contains("href=\"/reports/workspaces/acme/networking-prod\">its history</a>", await details.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"/reports/runs/{task.TaskResultId}", history, StringComparison.Ordinal);
        Assert.Equal(HistoryVerdict.Failed, recorded.Run.Verdict);
        Assert.NotEmpty(recorded.Findings);
    }

    [Fact]
    public async Task Summary_lists_the_waivers_that_expire_soon()
    {
        var policies = Directory.CreateTempSubdirectory("runtasks-reports-policies-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(policies.FullName, "team.yaml"), $"""
                name: team
                waivers:
                  - id: SEC-7
                    rule: network_exposure
                    resources: ["aws_security_group.bastion"]
                    reason: Bastion until the VPN is live.
                    owner: team-edge@acme.example
                    approved_by: security@acme.example
                    expires: {Now.AddDays(3):yyyy-MM-dd}
                  - id: SEC-8
                    rule: network_exposure
                    resources: ["aws_security_group.office"]
                    reason: Office range, reviewed yearly.
                    owner: team-edge@acme.example
                    approved_by: security@acme.example
                    expires: {Now.AddDays(200):yyyy-MM-dd}
                """);
            await using var api = await ApiHost.StartAsync(new Dictionary<string, string?> { ["RunTasks:PolicyPath"] = policies.FullName }, environment: "Development");

            var body = await api.Http.GetStringAsync("/reports");

            Assert.Contains("<bdi>SEC-7</bdi>", body, StringComparison.Ordinal);
            Assert.DoesNotContain("SEC-8", body, StringComparison.Ordinal);
        }
        finally
        {
            policies.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Wrong_filter_value_is_a_bad_request_that_says_why()
    {
        await using var api = await StartAsync();

        var response = await api.Http.GetAsync("/reports/runs?from=last-tuesday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("from and to must be RFC 3339 times", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_cursor_is_a_bad_request()
    {
        await using var api = await StartAsync();

        var response = await api.Http.GetAsync("/reports/runs?cursor=not-a-cursor");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Browser_renders_the_summary_and_a_screenshot_is_taken()
    {
        await using var api = await StartAsync();
        var entries = new List<Grains.History.HistoryEntry>();
        for (var day = 0; day < 30; day++)
        {
            for (var i = 0; i < 2 + day % 5; i++)
            {
                var at = Now.AddDays(-day).AddMinutes(-i);
                entries.Add(i switch
                {
                    0 => Run("prod-edge", at, Error("network_exposure", "aws_security_group.ssh"), Error("public_storage", "aws_s3_bucket.assets", waiver: "SEC-1234")),
                    3 when day > 9 => Run("prod-data", at, Error("required_tags", "aws_db_instance.main"), Error("iam_wildcards", "aws_iam_policy.etl")),
                    3 => Run("prod-data", at, Error("iam_wildcards", "aws_iam_policy.etl")),
                    _ => Run($"team-{i % 7}", at),
                });
            }
        }
        await WriteAsync(api.Services, [.. entries]);
        var png = Path.Combine(Path.GetTempPath(), $"reports-summary-{Guid.NewGuid():N}.png");
        try
        {
            var dom = await HeadlessChromium.DumpDomAsync(api.BaseUrl + "/reports");
            await HeadlessChromium.ScreenshotAsync(api.BaseUrl + "/reports", png, width: 1280, height: 2000);

            Assert.Contains("Rules that failed most", dom, StringComparison.Ordinal);
            Assert.Contains("<rect", dom, StringComparison.Ordinal);
            Assert.True(new FileInfo(png).Length > 10_000);
            if (Environment.GetEnvironmentVariable("RUNTASKS_UPDATE_SCREENSHOT") == "1")
            {
                File.Copy(png, Path.Combine(Fixtures.RepoRoot, "docs", "reports-summary.png"), overwrite: true);
            }
        }
        finally
        {
            File.Delete(png);
        }
    }

    private static Task<ApiHost> StartAsync() => ApiHost.StartAsync(environment: "Development");

    private static int CountRows(string html) => System.Text.RegularExpressions.Regex.Count(html, "<tr><td><a href=\"/reports/runs/");
}

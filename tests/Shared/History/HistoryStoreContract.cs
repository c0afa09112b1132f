using RunTasks.Grains.History;
using static RunTasks.Tests.HistoryContract.HistoryEntries;

namespace RunTasks.Tests.HistoryContract;

/// <summary>What the results store must answer, the same on PostgreSQL and on SQLite; each database's test class supplies an empty store.</summary>
public abstract class HistoryStoreContract
{
    protected abstract IHistoryStore Store { get; }

    private Task<IReadOnlyList<HistoryEntry>> WriteAsync(params HistoryEntry[] entries) => Store.WriteAsync(entries, CancellationToken.None);

    private async Task<List<RunRecord>> AllRunsAsync(HistoryFilter filter)
    {
        var runs = new List<RunRecord>();
        await foreach (var run in Store.StreamRunsAsync(filter, CancellationToken.None))
        {
            runs.Add(run);
        }

        return runs;
    }

    [Fact]
    public async Task A_task_result_offered_twice_is_recorded_once()
    {
        await WriteAsync(Run("t1", "web", Start, "r1@aws_s3_bucket.a"));
        var second = await Store.WriteAsync([Run("t1", "web", Start, "r1@aws_s3_bucket.a", "r2@aws_s3_bucket.b")], CancellationToken.None);

        Assert.Empty(second);
        var detail = await Store.GetRunAsync("t1", CancellationToken.None);
        Assert.Single(detail!.Findings);
        Assert.Single(await AllRunsAsync(HistoryFilter.All));
    }

    [Fact]
    public async Task A_finding_missing_from_the_previous_run_is_new_and_one_gone_since_is_fixed()
    {
        await WriteAsync(Run("t1", "web", Start, "r1@aws_s3_bucket.a", "r2@aws_s3_bucket.b"));
        await WriteAsync(Run("t2", "web", Start.AddHours(1), "r1@aws_s3_bucket.a", "r3@aws_s3_bucket.c"));

        var detail = (await Store.GetRunAsync("t2", CancellationToken.None))!;
        Assert.Equal(["r3"], detail.Findings.Where(f => f.IsNew).Select(f => f.RuleId));
        Assert.Equal(["r2@aws_s3_bucket.b"], detail.Fixed.Select(f => $"{f.RuleId}@{f.Address}"));
        Assert.Equal((1, 1, "t1"), (detail.Run.NewFindings, detail.Run.FixedFindings, detail.Run.PreviousTaskResultId));
    }

    [Fact]
    public async Task A_finding_that_stays_keeps_the_date_it_was_first_seen()
    {
        await WriteAsync(Run("t1", "web", Start, "r1@aws_s3_bucket.a"));
        await WriteAsync(Run("t2", "web", Start.AddDays(1), "r1@aws_s3_bucket.a"));
        await WriteAsync(Run("t3", "web", Start.AddDays(2), "r1@aws_s3_bucket.a"));

        var finding = (await Store.GetRunAsync("t3", CancellationToken.None))!.Findings.Single();
        Assert.Equal(Start, finding.FirstSeenAt);
        Assert.False(finding.IsNew);
    }

    [Fact]
    public async Task An_errored_run_neither_fixes_findings_nor_makes_the_next_ones_new()
    {
        await WriteAsync(Run("t1", "web", Start, "r1@aws_s3_bucket.a"));
        await WriteAsync(Run("t2", "web", Start.AddHours(1), HistoryVerdict.Errored));
        await WriteAsync(Run("t3", "web", Start.AddHours(2), "r1@aws_s3_bucket.a"));

        Assert.Equal(0, (await Store.GetRunAsync("t2", CancellationToken.None))!.Run.FixedFindings);
        Assert.False((await Store.GetRunAsync("t3", CancellationToken.None))!.Findings.Single().IsNew);
    }

    [Fact]
    public async Task Runs_are_filtered_by_a_workspace_glob()
    {
        await WriteAsync(Run("t1", "web-prod", Start), Run("t2", "web-dev", Start), Run("t3", "db-prod", Start));

        var page = await Store.ListRunsAsync(new HistoryFilter { Workspace = "*-prod" }, new PageRequest(), CancellationToken.None);

        Assert.Equal(["t3", "t1"], page.Items.Select(r => r.TaskResultId).Order().Reverse());
    }

    [Fact]
    public async Task Runs_are_filtered_by_rule_and_resource_address()
    {
        await WriteAsync(
            Run("t1", "web", Start, "r1@aws_s3_bucket.a"),
            Run("t2", "db", Start, "r1@aws_db_instance.b"),
            Run("t3", "api", Start, "r2@aws_s3_bucket.a"));

        var page = await Store.ListRunsAsync(new HistoryFilter { Rule = "r1", Address = "aws_s3_bucket.*" }, new PageRequest(), CancellationToken.None);

        Assert.Equal(["t1"], page.Items.Select(r => r.TaskResultId));
    }

    [Fact]
    public async Task A_period_includes_its_start_and_excludes_its_end()
    {
        await WriteAsync(Run("t1", "web", Start.AddTicks(-10_000)), Run("t2", "web", Start), Run("t3", "web", Start.AddDays(1)));

        var runs = await AllRunsAsync(new HistoryFilter { From = Start, To = Start.AddDays(1) });

        Assert.Equal(["t2"], runs.Select(r => r.TaskResultId));
    }

    [Fact]
    public async Task Pages_of_runs_list_every_run_once_newest_first()
    {
        var entries = Enumerable.Range(0, 7).Select(i => Run($"t{i}", "web", Start.AddMinutes(i / 2))).ToArray(); // finish times shared by pairs
        await WriteAsync(entries);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Store.ListRunsAsync(HistoryFilter.All, new PageRequest(cursor, 3), CancellationToken.None);
            seen.AddRange(page.Items.Select(r => r.TaskResultId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(["t6", "t5", "t4", "t3", "t2", "t1", "t0"], seen);
    }

    [Fact]
    public async Task Findings_can_be_limited_to_the_new_ones()
    {
        await WriteAsync(Run("t1", "web", Start, "r1@aws_s3_bucket.a"));
        await WriteAsync(Run("t2", "web", Start.AddHours(1), "r1@aws_s3_bucket.a", "r2@aws_s3_bucket.b"));

        var page = await Store.ListFindingsAsync(new HistoryFilter { NewOnly = true, From = Start.AddMinutes(1) }, new PageRequest(), CancellationToken.None);

        Assert.Equal(["r2"], page.Items.Select(f => f.RuleId));
    }

    [Fact]
    public async Task Pages_of_findings_list_every_finding_once()
    {
        await WriteAsync(Run("t1", "web", Start, "r1@a.x", "r2@a.y", "r3@a.z"), Run("t2", "db", Start, "r4@b.x", "r5@b.y"));

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Store.ListFindingsAsync(HistoryFilter.All, new PageRequest(cursor, 2), CancellationToken.None);
            seen.AddRange(page.Items.Select(f => f.RuleId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(["r1", "r2", "r3", "r4", "r5"], seen.Order());
        Assert.Equal(5, seen.Count);
    }

    [Fact]
    public async Task The_summary_counts_runs_per_day_and_names_what_failed_most()
    {
        await WriteAsync(
            Run("t1", "web", Start, "r1@aws_s3_bucket.a", "r2@aws_s3_bucket.b"),
            Run("t2", "web", Start.AddHours(1), "r1@aws_s3_bucket.a"),
            Run("t3", "db", Start.AddDays(1), "r1@aws_db_instance.a"),
            Run("t4", "api", Start.AddDays(1), HistoryVerdict.Passed, "r3@aws_s3_bucket.c!w-1"),
            Run("t5", "api", Start.AddDays(1).AddHours(1), HistoryVerdict.Errored));

        var summary = await Store.GetSummaryAsync(new HistoryFilter { From = Start.Date, To = Start.Date.AddDays(3) }, 10, CancellationToken.None);

        Assert.Equal([(2, 0, 2, 0), (3, 1, 1, 1), (0, 0, 0, 0)], summary.Days.Select(d => (d.Runs, d.Passed, d.Failed, d.Errored)));
        Assert.Equal(("r1", 3), (summary.TopFailingRules[0].RuleId, summary.TopFailingRules[0].Runs));
        Assert.Equal(("web", 2), (summary.TopFailingWorkspaces[0].Workspace, summary.TopFailingWorkspaces[0].Failed));
        Assert.Equal([("r3", 1)], summary.WaivedByRule.Select(w => (w.RuleId, w.Findings)));
        Assert.Equal((1, "r2"), (summary.FixedFindings, summary.LatestFixed.Single().RuleId));
        Assert.Equal(4, summary.NewFindings); // t1's two, t3's one and t4's one: each the first run of its workspace
    }

    [Fact]
    public async Task A_summary_of_whole_days_from_the_day_totals_matches_one_read_from_the_runs()
    {
        await WriteAsync(
            Run("t1", "web", Start, "r1@aws_s3_bucket.a", "r2@aws_s3_bucket.b"),
            Run("t2", "web", Start.AddHours(1), "r1@aws_s3_bucket.a", "r4@aws_s3_bucket.d!w-2"),
            Run("t3", "db", Start.AddDays(1), "r1@aws_db_instance.a", "r2@aws_db_instance.a~warning"),
            Run("t4", "api", Start.AddDays(1), HistoryVerdict.Passed, "r3@aws_s3_bucket.c!w-1"),
            Run("t5", "api", Start.AddDays(1).AddHours(1), HistoryVerdict.Errored));

        var days = await Store.GetSummaryAsync(new HistoryFilter { From = Start.Date, To = Start.Date.AddDays(3) }, 10, CancellationToken.None);
        var runs = await Store.GetSummaryAsync(new HistoryFilter { From = Start.Date, To = Start.Date.AddDays(3).AddMilliseconds(-1) }, 10, CancellationToken.None);

        Assert.Equal(runs.Days, days.Days);
        Assert.Equal(runs.TopFailingRules, days.TopFailingRules);
        Assert.Equal(runs.TopFailingWorkspaces, days.TopFailingWorkspaces);
        Assert.Equal(runs.WaivedByRule, days.WaivedByRule);
        Assert.Equal((runs.NewFindings, runs.FixedFindings), (days.NewFindings, days.FixedFindings));
    }

    [Fact]
    public async Task A_workspace_shows_the_open_findings_of_its_latest_run_with_their_first_seen_dates()
    {
        await WriteAsync(Run("t1", "web", Start, "r1@aws_s3_bucket.a", "r2@aws_s3_bucket.b"));
        await WriteAsync(Run("t2", "web", Start.AddDays(1), "r1@aws_s3_bucket.a"));
        await WriteAsync(Run("t3", "db", Start.AddDays(1), "r9@aws_db_instance.a"));

        var workspace = (await Store.GetWorkspaceAsync("acme", "web", Start.Date, Start.Date.AddDays(7), CancellationToken.None))!;

        Assert.Equal([("r1", Start)], workspace.OpenFindings.Select(f => (f.RuleId, f.FirstSeenAt)));
        Assert.Equal(["t2", "t1"], workspace.Runs.Select(r => r.TaskResultId));
        Assert.Equal(7, workspace.Days.Count);
    }

    [Fact]
    public async Task Runs_finished_before_the_cutoff_are_deleted_with_their_findings()
    {
        await WriteAsync(Run("old", "web", Start, "r1@aws_s3_bucket.a"), Run("new", "web", Start.AddDays(2), "r1@aws_s3_bucket.a"));

        Assert.Equal(1, await Store.DeleteFinishedBeforeAsync(Start.AddDays(1), 100, CancellationToken.None));

        Assert.Null(await Store.GetRunAsync("old", CancellationToken.None));
        Assert.Single((await Store.ListFindingsAsync(HistoryFilter.All, new PageRequest(), CancellationToken.None)).Items);
    }
}

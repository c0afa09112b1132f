using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Notifications;
using static RunTasks.Tests.Notifications.NotificationSamples;

namespace RunTasks.Tests.Notifications;

public sealed class PullRequestCommentTests
{
    [Fact]
    public void Comment_shows_verdict_counts_findings_plan_and_details_link()
    {
        var body = PullRequestComment.Render(Subject(Failed(
            Finding("network_exposure", "aws_security_group.web"),
            Finding("required_tags", "aws_s3_bucket.logs", FindingSeverity.Warning),
            Finding("encryption_at_rest", "aws_ebs_volume.data", waived: true))));

        Assert.StartsWith("<!-- runtasks:acme/networking-prod:post_plan v1 ", body, StringComparison.Ordinal);
        Assert.Contains("RunTasks failed", body, StringComparison.Ordinal);
        Assert.Contains("**1 error, 1 warning**, 1 waived", body, StringComparison.Ordinal);
        Assert.Contains("| ❌ error | network\\_exposure | aws\\_security\\_group.web |", body, StringComparison.Ordinal);
        Assert.Contains("| ⚠️ warning | required\\_tags |", body, StringComparison.Ordinal);
        Assert.Contains("| waived | encryption\\_at\\_rest |", body, StringComparison.Ordinal);
        Assert.Contains("Plan: 3 to create, 2 to update, 1 to replace, 4 to destroy.", body, StringComparison.Ordinal);
        Assert.Contains("(https://runtasks.example.com/task-results/taskrs-1?exp=1&sig=x)", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_over_the_cap_ends_with_how_many_more_are_in_the_details()
    {
        var findings = Enumerable.Range(0, 2000).Select(i => Finding("rule_" + i, $"aws_instance.server_{i}", title: new string('t', 150))).ToArray();

        var body = PullRequestComment.Render(Subject(Failed(findings)));

        Assert.True(body.Length <= PullRequestComment.MaxLength, $"{body.Length} characters");
        var shown = body.Split('\n').Count(l => l.StartsWith("| ❌ error", StringComparison.Ordinal));
        Assert.Contains($"_and {2000 - shown} more — see details_", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_never_holds_a_plan_value_or_the_access_token()
    {
        var subject = NotificationSubject.From(Request(), Failed(Finding("hardcoded_secrets", "aws_db_instance.main")), null, At);

        var body = PullRequestComment.Render(subject);

        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("hcp-token", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Body of", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_names_cannot_close_the_marker_or_mention_anyone()
    {
        var subject = NotificationSubject.From(Request(workspace: "ws --> <script>"), Failed(Finding("r", "x.y", title: "@org/team <img src=x> | cell")), null, At);

        var body = PullRequestComment.Render(subject);

        Assert.Equal(1, CountOf(body, "-->"));
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", body, StringComparison.Ordinal);
        Assert.DoesNotContain("@org", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_names_new_and_fixed_findings_when_the_previous_run_is_known()
    {
        var body = PullRequestComment.Render(Subject(Failed(Finding("a", "x.one"), Finding("b", "x.two"))),
            previous: [new FindingKey("a", "x.one"), new FindingKey("c", "x.gone")]);

        Assert.Contains("Since the previous run: 1 new, 1 fixed. New: b on x.two. Fixed: c on x.gone.", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_history_the_comment_says_nothing_about_changes()
    {
        var body = PullRequestComment.Render(Subject(Failed(Finding("a", "x.one"))));

        Assert.DoesNotContain("previous run", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Marker_hash_changes_with_the_finding_set_but_not_with_the_run()
    {
        var one = Failed(Finding("a", "x.one"));
        var same = Failed(Finding("a", "x.one"));
        var other = Failed(Finding("a", "x.one"), Finding("b", "x.two"));

        Assert.Equal(CommentMarker.Hash(one), CommentMarker.Hash(same));
        Assert.NotEqual(CommentMarker.Hash(one), CommentMarker.Hash(other));
        Assert.NotEqual(CommentMarker.Hash(one), CommentMarker.Hash(Passed()));
    }

    [Fact]
    public void Marker_is_read_back_from_a_comment()
    {
        var subject = Subject(Failed(Finding("a", "x.one")));
        var body = PullRequestComment.Render(subject);

        var marker = CommentMarker.Read(body, CommentMarker.Scope(subject));

        Assert.Equal((CommentMarker.Hash(subject.Verdict), At.ToUnixTimeMilliseconds()), marker);
        Assert.Null(CommentMarker.Read(body, CommentMarker.Scope(Subject(subject.Verdict, workspace: "other"))));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}

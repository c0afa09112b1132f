using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Engine;

/// <summary>Plan-derived strings stay text in outcome bodies and show bidirectional controls as escapes (issue 18, items 7 and 8).</summary>
public sealed class MarkdownInjectionTests
{
    [Fact]
    public async Task Injected_markdown_in_an_address_renders_as_text()
    {
        var report = await AnalyzeAsync(HostilePlan.Json(), HostilePlan.Policies);

        var finding = Assert.Single(report.Of("destroy_guard"));
        HostilePlan.AssertInert(finding.MarkdownBody);
    }

    [Fact]
    public async Task Injected_markdown_in_a_provider_name_renders_as_text()
    {
        var report = await AnalyzeAsync(HostilePlan.Json(), HostilePlan.Policies);

        var finding = Assert.Single(report.Of("provider_allow_list"));
        HostilePlan.AssertInert(finding.MarkdownBody);
    }

    [Fact]
    public async Task Bidi_controls_show_as_escapes_in_message_and_descriptions()
    {
        var report = await AnalyzeAsync(HostilePlan.Json(), HostilePlan.Policies);

        Assert.DoesNotContain(HostilePlan.RightToLeftOverride, report.Message);
        Assert.All(report.Findings, f => Assert.DoesNotContain(HostilePlan.RightToLeftOverride, f.Description));
        Assert.Contains("safe<U+202E>txt.exe<U+202C>", report.Of("destroy_guard").Single().Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Injected_drift_and_blast_radius_lists_render_as_text()
    {
        var json = HostilePlan.Json().Replace("\"resource_changes\"", $$"""
            "resource_drift":[{{Change("aws_s3_bucket", """["update"]""", "{}", "{}", address: System.Text.Json.JsonSerializer.Serialize(HostilePlan.Address)[1..^1])}}],
            "resource_changes"
            """, StringComparison.Ordinal);

        var report = await AnalyzeAsync(json, Policy("rules: { blast_radius: { max_destructive_changes: 0 }, drift: { enforcement: warning } }"));

        HostilePlan.AssertInert(Assert.Single(report.Of("blast_radius")).MarkdownBody);
        HostilePlan.AssertInert(Assert.Single(report.Of("drift")).MarkdownBody);
    }

    [Fact]
    public async Task Replace_paths_with_backticks_stay_inside_their_code_span()
    {
        var json = Plan(Change("aws_db_instance", """["delete","create"]""", """{"a":1}""", before: """{"a":0}""")
            .Replace("\"after_unknown\"", "\"replace_paths\":[[\"x``\\n\\n## FINDING WAIVED ``\"]],\"after_unknown\"", StringComparison.Ordinal));

        var report = await AnalyzeAsync(json);

        var body = Assert.Single(report.Of("destroy_guard")).MarkdownBody;
        Assert.Contains("``` x``  ## FINDING WAIVED `` ```", body, StringComparison.Ordinal);
        HostilePlan.AssertInert(body);
    }

    [Fact]
    public void Map_keys_that_are_not_plain_names_are_shown_quoted_with_line_breaks_escaped()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"tags":{"Name":"x","a\n\n## WAIVED\u202E":"y"}}""");
        var value = new RunTasks.Analysis.Plans.PlanValue(document.RootElement, default, default)["tags"];

        var text = RunTasks.Analysis.Plans.ValueRenderer.Render(value);

        Assert.Equal("""{Name = "x", "a\n\n## WAIVED\u202E" = "y"}""", text);
    }
}

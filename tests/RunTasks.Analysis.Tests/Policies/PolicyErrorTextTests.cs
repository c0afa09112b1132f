using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Tests.Policies;

/// <summary>Policy load errors in the author's words: file, line, key, the expected shape, a "did you mean" (issue 17).</summary>
public sealed class PolicyErrorTextTests
{
    // Every shape mistake a new author makes, one per line of the table; none may surface a .NET type name.
    public static TheoryData<string> Mistakes => new()
    {
        "custom_rules:\n  - id: a\n    resource_types: aws_*\n    condition: \"`true`\"\n",
        "rules:\n  required_tag:\n    keys: [owner]\n",
        "rules:\n  required_tags: [owner]\n",
        "rules:\n  required_tags:\n    keys:\n",
        "rules:\n  required_tags:\n    keys: owner\n",
        "rules:\n  blast_radius: { max_destructive_changes: lots }\n",
        "rules:\n  network_exposure: { ports: [ssh] }\n",
        "rules:\n  drift: { enforcement: [error] }\n",
        "rules: [destroy_guard]\n",
        "scope: [acme]\n",
        "scope:\n  workspace: [prod-*]\n",
        "name: [a, b]\n",
        "nmae: team\n",
        "builtin_rules: maybe\n",
        "custom_rules:\n  id: a\n",
        "custom_rules:\n  - id: a\n    conditon: x\n",
        "custom_rules:\n  - id: a\n    condition: x\n    actions:\n",
        "custom_rules:\n  - [a, b]\n",
        "- a\n- b\n",
        "a: [\n",
    };

    private static string ErrorOf(string yaml) => Assert.Throws<PolicyLoadException>(() => PolicySet.Parse(yaml, "team.yaml")).Message;

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void No_error_names_a_dotnet_type(string yaml)
    {
        var message = ErrorOf(yaml);

        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("RunTasks.", message, StringComparison.Ordinal);
        Assert.StartsWith("team.yaml: line ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_glob_where_a_list_belongs_says_how_to_write_the_list()
    {
        var message = ErrorOf("custom_rules:\n  - id: acme.tmp\n    resource_types: aws_*\n    condition: \"`true`\"\n");

        Assert.Equal("team.yaml: line 3: custom_rules[acme.tmp].resource_types must be a list of resource type globs, e.g. `[aws_*]` (got the single value 'aws_*'; write `[aws_*]`)", message);
    }

    [Fact]
    public void Mistyped_rule_gets_a_did_you_mean_and_the_list_of_rules()
    {
        var message = ErrorOf("rules:\n  required_tag:\n    keys: [owner]\n");

        Assert.Contains("team.yaml: line 2: unknown key 'required_tag' under rules; did you mean 'required_tags'?", message, StringComparison.Ordinal);
        Assert.Contains("destroy_guard, blast_radius", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nmae: team\n", "did you mean 'name'?")]
    [InlineData("scope:\n  workspace: [prod-*]\n", "did you mean 'workspaces'?")]
    [InlineData("rules:\n  required_tags:\n    key: [owner]\n", "did you mean 'keys'?")]
    [InlineData("custom_rules:\n  - id: a\n    conditon: x\n", "did you mean 'condition'?")]
    [InlineData("rules:\n  drift: { enforcement: eror }\n", "did you mean 'error'?")]
    public void Near_miss_gets_a_did_you_mean(string yaml, string expected) =>
        Assert.Contains(expected, ErrorOf(yaml), StringComparison.Ordinal);

    [Fact]
    public void Unknown_key_far_from_any_lists_the_valid_keys_without_guessing()
    {
        var message = ErrorOf("owner: platform-team\n");

        Assert.DoesNotContain("did you mean", message, StringComparison.Ordinal);
        Assert.Contains("Valid keys: name, description, scope, builtin_rules, judge_unchanged, rules, custom_rules", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_list_value_is_refused_naming_the_key()
    {
        Assert.Equal(
            "team.yaml: line 3: rules.required_tags.keys must be a list of tag keys, e.g. `[owner, cost-centre]` (got nothing)",
            ErrorOf("rules:\n  required_tags:\n    keys:\n"));
    }

    [Fact]
    public void Value_of_the_wrong_kind_names_key_shape_and_value()
    {
        Assert.Equal(
            "team.yaml: line 2: rules.blast_radius.max_destructive_changes must be a whole number, e.g. `10` (got 'lots')",
            ErrorOf("rules:\n  blast_radius: { max_destructive_changes: lots }\n"));
    }

    [Fact]
    public void Setting_checked_after_reading_still_names_its_line()
    {
        Assert.Equal(
            "team.yaml: line 3 (set 'team'): rules.blast_radius.max_destructive_changes must be zero or more",
            ErrorOf("rules:\n  blast_radius:\n    max_destructive_changes: -1\n"));
    }

    [Fact]
    public void Hyphenated_stage_in_a_scope_says_what_to_write()
    {
        Assert.Contains("unknown stage 'post-plan'; write 'post_plan'", ErrorOf("scope: { stages: [post-plan] }\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Error_in_the_second_set_of_a_file_names_its_line_and_set()
    {
        Assert.StartsWith(
            "team.yaml: line 4 (set 'two'): rules.drift.enforcement: 'loud' is not one of error, warning, info, off",
            ErrorOf("name: one\n---\nname: two\nrules: { drift: { enforcement: loud } }\n"),
            StringComparison.Ordinal);
    }
}

using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Tests.Policies;

public sealed class WaiverLoadingTests : IDisposable
{
    private readonly WaiverDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Waivers_load_from_their_own_file_beside_the_policy_sets()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver());

        var contents = _directory.Load();

        var waiver = Assert.Single(contents.Waivers.All);
        Assert.Equal(("SEC-1234", "network_exposure", "security@acme.example"), (waiver.Id, waiver.Rule, waiver.ApprovedBy));
        Assert.Equal("guardrails", Assert.Single(contents.Sets).Name);
    }

    [Fact]
    public void A_file_may_hold_a_policy_set_and_waivers()
    {
        _directory.Write("policy.yaml", "name: both\nwaivers:\n" + WaiverDirectory.Waiver());

        var contents = _directory.Load();

        Assert.Equal("both", Assert.Single(contents.Sets).Name);
        Assert.Single(contents.Waivers.All);
    }

    [Fact]
    public void A_date_is_valid_through_the_end_of_that_day_utc()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver());

        var waiver = Assert.Single(_directory.Load().Waivers.All);

        Assert.True(waiver.IsLiveAt(new DateTimeOffset(2027, 3, 31, 23, 59, 59, TimeSpan.Zero)));
        Assert.False(waiver.IsLiveAt(new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void An_rfc3339_time_expires_at_that_instant()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver(overrides: ("expires", "2027-03-31T18:00:00+02:00")));

        var waiver = Assert.Single(_directory.Load().Waivers.All);

        Assert.Equal(new DateTimeOffset(2027, 3, 31, 16, 0, 0, TimeSpan.Zero), waiver.ExpiresAt);
    }

    [Fact]
    public void A_waiver_may_name_a_custom_rule_of_another_file()
    {
        _directory.Write("custom.yaml", "name: custom\ncustom_rules:\n  - id: acme.no-big\n    condition: \"change.after.size == `9`\"\n");
        _directory.WriteWaivers(WaiverDirectory.Waiver(overrides: ("rule", "acme.no-big")));

        Assert.Equal("acme.no-big", Assert.Single(_directory.Load().Waivers.All).Rule);
    }

    [Theory]
    [InlineData("id", "waivers[0].id: required")]
    [InlineData("rule", "waivers[SEC-1234].rule: required")]
    [InlineData("resources", "waivers[SEC-1234].resources: list the address globs")]
    [InlineData("reason", "waivers[SEC-1234].reason: required")]
    [InlineData("owner", "waivers[SEC-1234].owner: required")]
    [InlineData("approved_by", "waivers[SEC-1234].approved_by: required")]
    [InlineData("expires", "waivers[SEC-1234].expires: required")]
    public void A_missing_required_key_is_refused_naming_file_line_and_key(string key, string expected)
    {
        var file = _directory.WriteWaivers(key == "id" ? WaiverDirectory.Waiver().Replace("  - id: SEC-1234\n    ", "  - ", StringComparison.Ordinal) : WaiverDirectory.Waiver(overrides: (key, null)));

        var failure = Assert.Throws<PolicyLoadException>(() => _directory.Load());

        Assert.StartsWith($"{file}: line 2", failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expires", "2027-02-30", "line 8: waivers[SEC-1234].expires: '2027-02-30' is not a date")]
    [InlineData("expires", "next spring", "line 8: waivers[SEC-1234].expires: 'next spring' is not a date")]
    [InlineData("expires", "2027-03-31T18:00:00", "line 8: waivers[SEC-1234].expires: '2027-03-31T18:00:00' is not a date")]
    [InlineData("expires", "2028-03-31", "line 8: waivers[SEC-1234].expires: 2028-03-31 is more than 365 days ahead (RunTasks:Waivers:MaxDuration)")]
    [InlineData("rule", "network_exposre", "line 3: waivers[SEC-1234].rule: unknown rule 'network_exposre'; did you mean 'network_exposure'?")]
    [InlineData("rule", "plan_errored", "line 3: waivers[SEC-1234].rule: 'plan_errored' cannot be waived")]
    [InlineData("rule", "plan_unreadable", "line 3: waivers[SEC-1234].rule: 'plan_unreadable' cannot be waived")]
    [InlineData("rule", "rule_failure", "line 3: waivers[SEC-1234].rule: 'rule_failure' cannot be waived")]
    [InlineData("resources", "[]", "line 4: waivers[SEC-1234].resources: list the address globs")]
    [InlineData("stages", "[post-apply]", "line 9: waivers[SEC-1234].stages: unknown stage 'post-apply'")]
    [InlineData("ticket", "SEC-1234", "line 9: waivers[SEC-1234].ticket: 'SEC-1234' is not an absolute http(s) URL")]
    [InlineData("approver", "me", "line 9: unknown key 'approver' under waivers[SEC-1234]")]
    [InlineData("id", "SEC 1234", "line 2: waivers[SEC 1234].id: a waiver id is letters, digits")]
    public void A_malformed_waiver_is_refused_naming_file_line_and_key(string key, string value, string expected)
    {
        var file = _directory.WriteWaivers(key == "id" ? WaiverDirectory.Waiver(value) : WaiverDirectory.Waiver(overrides: (key, value)));

        var failure = Assert.Throws<PolicyLoadException>(() => _directory.Load());

        Assert.StartsWith($"{file}: {expected}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_waiver_stops_a_new_provider_naming_file_line_and_key()
    {
        var file = _directory.WriteWaivers(WaiverDirectory.Waiver(overrides: ("owner", "")));

        var failure = Assert.Throws<PolicyLoadException>(() => new PolicyDirectoryProvider(_directory.Path));

        Assert.StartsWith($"{file}: line 6: waivers[SEC-1234].owner: required", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_id_is_refused_naming_both_places()
    {
        var file = _directory.WriteWaivers(WaiverDirectory.Waiver(), WaiverDirectory.Waiver());

        var failure = Assert.Throws<PolicyLoadException>(() => _directory.Load());

        Assert.StartsWith($"{file}: line 9: waivers[SEC-1234].id: 'SEC-1234' is already the id of the waiver at {file}: line 2", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_longest_expiry_is_configurable()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver());

        var failure = Assert.Throws<PolicyLoadException>(() => _directory.Load(options: new WaiverOptions { MaxDuration = TimeSpan.FromDays(30) }));

        Assert.Contains("is more than 30 days ahead", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_waiver_still_loads_so_it_can_be_reported()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver(overrides: ("expires", "2026-12-31")));

        Assert.False(Assert.Single(_directory.Load().Waivers.All).IsLiveAt(WaiverDirectory.Now));
    }

    [Fact]
    public void A_file_of_waivers_alone_adds_no_policy_set()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver());

        Assert.Equal(["guardrails"], _directory.Load().Sets.Select(s => s.Name));
    }

    [Fact]
    public void A_broken_waiver_at_reload_keeps_the_previous_waivers_and_says_why()
    {
        _directory.WriteWaivers(WaiverDirectory.Waiver());
        using var provider = new PolicyDirectoryProvider(_directory.Path);

        var file = _directory.WriteWaivers(WaiverDirectory.Waiver(overrides: ("expires", "soon")));
        var reloaded = provider.Reload();

        Assert.False(reloaded);
        Assert.StartsWith($"{file}: line 8: waivers[SEC-1234].expires", provider.LastError, StringComparison.Ordinal);
        Assert.Equal("2027-03-31", Assert.Single(provider.Waivers.All).Expires);
    }

    [Fact]
    public void A_waiver_in_a_single_parsed_document_is_refused_not_ignored()
    {
        var failure = Assert.Throws<PolicyLoadException>(() => PolicySet.Parse("waivers:\n" + WaiverDirectory.Waiver()));

        Assert.Contains("waivers are loaded with their policy directory", failure.Message, StringComparison.Ordinal);
    }
}

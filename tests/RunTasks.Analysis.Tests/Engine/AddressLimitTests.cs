using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Engine;

/// <summary>Terraform bounds no address (a <c>for_each</c> key can be megabytes); what the engine stores and shows is bounded.</summary>
public sealed class AddressLimitTests
{
    private static readonly IPolicyProvider PublicObjects = Policy("""
        builtin_rules: false
        custom_rules:
          - id: acme.public
            resource_types: [aws_s3_object]
            condition: "change.after.acl == 'public-read'"
        """);

    [Fact]
    public async Task Long_addresses_are_clipped_in_findings_and_stay_distinct()
    {
        // JSON text: the quotes of the key are escaped.
        var prefix = "aws_s3_object.o[\\\"" + new string('k', 100_000);
        var plan = Plan(
            Change("aws_s3_object", """["create"]""", """{"acl":"public-read"}""", address: prefix + "a\\\"]"),
            Change("aws_s3_object", """["create"]""", """{"acl":"public-read"}""", address: prefix + "b\\\"]"));

        var report = await AnalyzeAsync(plan, PublicObjects);

        Assert.Equal(2, report.Findings.Count);
        Assert.All(report.Findings, f => Assert.Equal(TextLimits.MaxAddress, f.Address.Length));
        Assert.NotEqual(report.Findings[0].Address, report.Findings[1].Address);
        Assert.All(report.Findings, f => Assert.True(f.MarkdownBody.Length < 2 * TextLimits.MaxAddress + 1000));
    }

    [Fact]
    public void Clipped_texts_sharing_a_prefix_differ_and_keep_the_length()
    {
        var prefix = new string('x', 200);

        var (a, b) = (TextLimits.ClipUnique(prefix + "a", 64), TextLimits.ClipUnique(prefix + "b", 64));

        Assert.Equal((64, 64), (a.Length, b.Length));
        Assert.NotEqual(a, b);
        Assert.StartsWith(new string('x', 55), a, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_within_the_limit_is_not_clipped()
    {
        Assert.Equal("aws_s3_object.o", TextLimits.ClipUnique("aws_s3_object.o", 64));
    }
}

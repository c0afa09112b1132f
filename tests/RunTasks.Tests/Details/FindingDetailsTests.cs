using RunTasks.Grains.Details;

namespace RunTasks.Tests.Details;

/// <summary>A finding keeps its body as fields, so the page lays it out without parsing markdown (issue 18, item 7).</summary>
public sealed class FindingDetailsTests
{
    [Fact]
    public async Task Finding_from_the_engine_keeps_its_fields()
    {
        var finding = (await HostileFindings.ReportAsync()).Findings.Single(f => f.RuleId == "destroy_guard");

        var detail = FindingDetails.From(finding);

        Assert.Equal("delete", detail.Action);
        Assert.Equal(HostileFindings.Address, detail.Address);
        Assert.Contains("holds data or identity", detail.Why, StringComparison.Ordinal);
        Assert.Contains("prevent_destroy", detail.Fix, StringComparison.Ordinal);
    }
}

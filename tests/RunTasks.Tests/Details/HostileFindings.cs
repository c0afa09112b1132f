using System.Text;
using System.Text.Json;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using RunTasks.Grains.Details;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Tests.Details;

/// <summary>Findings the engine reports on a plan whose address tries to inject markdown, HTML and bidirectional controls.</summary>
internal static class HostileFindings
{
    public const string Waiver = "FINDING WAIVED by security team";

    public const char RightToLeftOverride = '\u202E';

    public static readonly string Address = "aws_s3_bucket.b[\"safe\u202Etxt.exe\u202C\n\n## " + Waiver
        + "\n\n[docs](https://evil.example/x) <script>alert(1)</script> <img src=x onerror=alert(1)> ![p](https://evil.example/pixel.png) [click](javascript:alert(1))\"]";

    /// <summary>The engine's report on a plan destroying a bucket at <see cref="Address"/> (destroy_guard fails it).</summary>
    public static async Task<AnalysisReport> ReportAsync()
    {
        var change = new
        {
            address = Address,
            mode = "managed",
            type = "aws_s3_bucket",
            name = "b",
            provider_name = "registry.terraform.io/hashicorp/aws",
            change = new { actions = new[] { "delete" }, before = new { bucket = "b" }, after = (object?)null, after_unknown = new { }, before_sensitive = false, after_sensitive = false },
        };
        var plan = JsonSerializer.Serialize(new { format_version = "1.2", terraform_version = "1.9.5", resource_changes = new[] { change } });
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(plan));
        return await new PlanAnalyzer(DefaultPolicies.Provider).AnalyzeAsync(stream, new EvaluationScope("acme", null, "prod", "post_plan"), CancellationToken.None);
    }

    public static async Task<IReadOnlyList<FindingDetail>> DetailsAsync() => [.. (await ReportAsync()).Findings.Select(FindingDetails.From)];
}

using System.Text;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Tests;

/// <summary>Builds small plan documents and analyses them.</summary>
internal static class TestPlans
{
    public static readonly EvaluationScope Scope = new("acme", "Default Project", "prod-network", "post_plan");

    public static string Plan(params string[] resourceChanges) =>
        $$"""{"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[{{string.Join(",", resourceChanges)}}]}""";

    public static string Change(string type, string actions, string? after, string? before = null, string afterUnknown = "{}", string afterSensitive = "{}", string? address = null, string beforeSensitive = "false", string mode = "managed") =>
        $$$"""
        {"address":"{{{address ?? type + ".this"}}}","mode":"{{{mode}}}","type":"{{{type}}}","name":"this","provider_name":"registry.terraform.io/hashicorp/{{{type[..type.IndexOf('_', StringComparison.Ordinal)]}}}",
         "change":{"actions":{{{actions}}},"before":{{{before ?? "null"}}},"after":{{{after ?? "null"}}},"after_unknown":{{{afterUnknown}}},"before_sensitive":{{{beforeSensitive}}},"after_sensitive":{{{afterSensitive}}}}}
        """;

    public static Task<AnalysisReport> AnalyzeAsync(string json, IPolicyProvider? policies = null) =>
        AnalyzeAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), policies);

    public static async Task<AnalysisReport> AnalyzeAsync(Stream stream, IPolicyProvider? policies = null) =>
        await new PlanAnalyzer(policies ?? DefaultPolicies.Provider).AnalyzeAsync(stream, Scope, CancellationToken.None);

    public static IPolicyProvider Policy(string yaml) => new StaticPolicyProvider(PolicySet.Parse(yaml));

    public static IEnumerable<Finding> Of(this AnalysisReport report, string ruleId) => report.Findings.Where(f => f.RuleId == ruleId);
}

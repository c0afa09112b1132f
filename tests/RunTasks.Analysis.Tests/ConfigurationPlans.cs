using System.Text;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Tests;

/// <summary>Plans carrying only a <c>configuration</c>, for the rules over the configuration.</summary>
internal static class ConfigurationPlans
{
    public const string AwsKeyId = "AKIAZ5JQ7EXAMPLEKEY2";

    public static string PlanWith(string configuration) =>
        $$"""{"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[],"configuration":{{configuration}}}""";

    public static string ModuleCall(string source, string? version) =>
        PlanWith("""{"root_module":{"module_calls":{"net":{"source":""" + Quoted(source) + Version(version) + ""","module":{}}}}}""");

    public static string Provider(string? version) =>
        PlanWith("{\"provider_config\":{\"aws\":{\"name\":\"aws\",\"full_name\":\"registry.terraform.io/hashicorp/aws\"" + Version(version) + """}},"root_module":{}}""");

    public static string Quoted(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    public static string Version(string? version) => version is null ? string.Empty : ",\"version_constraint\":" + Quoted(version);

    public static async Task<AnalysisReport> AnalyzeAsync(string json, string stage = "post_plan", IPolicyProvider? policies = null) =>
        await new PlanAnalyzer(policies ?? DefaultPolicies.Provider).AnalyzeAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), TestPlans.Scope with { Stage = stage }, CancellationToken.None);
}

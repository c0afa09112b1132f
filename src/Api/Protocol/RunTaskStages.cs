namespace RunTasks.Api.Protocol;

/// <summary>The stages HCP Terraform runs tasks at; anything else is refused before it can reach a log line.</summary>
public static class RunTaskStages
{
    public const string PrePlan = "pre_plan";
    public const string PostPlan = "post_plan";
    public const string PreApply = "pre_apply";
    public const string PostApply = "post_apply";

    /// <summary>The stage of the verification request sent when a run task is created.</summary>
    public const string Verification = "test";

    public static readonly IReadOnlyList<string> All = [PrePlan, PostPlan, PreApply, PostApply];

    /// <summary>
    /// The documented stage, or null if unknown. Terraform Enterprise v202206 documented hyphenated names
    /// (<c>post-plan</c>); they mean the same stage.
    /// </summary>
    public static string? Normalize(string stage)
    {
        var underscored = stage.Replace('-', '_');
        return All.FirstOrDefault(s => string.Equals(s, underscored, StringComparison.Ordinal));
    }
}

namespace RunTasks.Analysis.Engine;

/// <summary>The stages HCP Terraform runs tasks at, as policy scopes and <see cref="EvaluationScope.Stage"/> name them.</summary>
public static class RunStages
{
    public static readonly IReadOnlyList<string> All = ["pre_plan", "post_plan", "pre_apply", "post_apply"];

    /// <summary>
    /// The documented stage, or null if unknown. Terraform Enterprise v202206 documented hyphenated names (<c>post-plan</c>);
    /// they mean the same stage, as on the server.
    /// </summary>
    public static string? Normalize(string stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var underscored = stage.Replace('-', '_');
        return All.FirstOrDefault(s => string.Equals(s, underscored, StringComparison.Ordinal));
    }
}

using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Policies;

/// <summary>A fixed list of policy sets (and waivers), filtered by scope; for tests, the CLI and callers building sets in code.</summary>
public sealed class StaticPolicyProvider(IEnumerable<PolicySet> sets, WaiverSet? waivers = null) : IPolicyProvider
{
    private readonly IReadOnlyList<PolicySet> _sets = [.. sets];

    /// <summary>A directory's contents as loaded by <see cref="PolicyDirectoryProvider.LoadAll"/>.</summary>
    public StaticPolicyProvider(PolicyDirectoryContents contents)
        : this((contents ?? throw new ArgumentNullException(nameof(contents))).Sets, contents.Waivers)
    {
    }

    public IReadOnlyList<PolicySet> Sets => _sets;

    public WaiverSet Waivers { get; } = waivers ?? WaiverSet.Empty;

    public IReadOnlyList<PolicySet> For(EvaluationScope scope) => PolicySet.ApplyingTo(_sets, scope);
}

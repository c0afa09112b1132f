namespace RunTasks.Analysis;

/// <summary>A fixed list of policy sets, filtered by scope; for tests, the CLI and callers building sets in code.</summary>
public sealed class StaticPolicyProvider(IEnumerable<PolicySet> sets) : IPolicyProvider
{
    private readonly IReadOnlyList<PolicySet> _sets = [.. sets];

    public IReadOnlyList<PolicySet> Sets => _sets;

    public IReadOnlyList<PolicySet> For(EvaluationScope scope) => PolicySet.ApplyingTo(_sets, scope);
}

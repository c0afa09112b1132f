using RunTasks.Analysis.Policies;
using RunTasks.Analysis.Rules;

namespace RunTasks.Analysis;

/// <summary>
/// A named selection of rules with their parameters and enforcement, scoped by organisation, project, workspace and stage.
/// Immutable and thread-safe; built from YAML (see docs/policies.md).
/// </summary>
public sealed class PolicySet
{
    private readonly ScopeSettings _scope;

    internal PolicySet(string name, string? source, ScopeSettings scope, IReadOnlyList<IResourceRule> resourceRules, IReadOnlyList<IPlanRule> planRules, Severity? unknownSeverity, Severity? sensitiveSeverity = null, bool judgeUnchanged = false)
    {
        Name = name;
        Source = source;
        _scope = scope;
        ResourceRules = resourceRules;
        PlanRules = planRules;
        UnknownSeverity = unknownSeverity;
        SensitiveSeverity = sensitiveSeverity;
        JudgeUnchanged = judgeUnchanged;
        var ids = resourceRules.Select(r => r.Id).Concat(planRules.Select(r => r.Id)).ToList();
        if (unknownSeverity is not null)
        {
            ids.Add(RuleContext.KnownAfterApply.Id);
        }

        if (sensitiveSeverity is not null)
        {
            ids.Add(RuleContext.SensitiveValue.Id);
        }

        EnabledRules = ids.Order(StringComparer.Ordinal).ToList();
    }

    public string Name { get; }

    /// <summary>The file the set was loaded from, or null for sets built in memory.</summary>
    public string? Source { get; }

    /// <summary>Ids of the rules this set runs.</summary>
    public IReadOnlyList<string> EnabledRules { get; }

    internal IReadOnlyList<IResourceRule> ResourceRules { get; }

    internal IReadOnlyList<IPlanRule> PlanRules { get; }

    internal Severity? UnknownSeverity { get; }

    internal Severity? SensitiveSeverity { get; }

    /// <summary>When true, resources the run leaves unchanged (no-op) are judged by their state too.</summary>
    public bool JudgeUnchanged { get; }

    /// <summary>Parses every YAML document in <paramref name="yaml"/> as a policy set; throws <see cref="PolicyLoadException"/> when invalid.</summary>
    public static IReadOnlyList<PolicySet> Parse(string yaml, string? source = null) => PolicyCompiler.Parse(yaml, source);

    /// <summary>True when this set applies to runs in <paramref name="scope"/>.</summary>
    public bool AppliesTo(EvaluationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Matches(_scope.Organizations, scope.Organization)
            && Matches(_scope.Projects, scope.Project)
            && Matches(_scope.Workspaces, scope.Workspace)
            && Matches(_scope.Stages, scope.Stage);
    }

    /// <summary>The sets of <paramref name="sets"/> that apply to runs in <paramref name="scope"/>, in order; what every provider answers.</summary>
    internal static IReadOnlyList<PolicySet> ApplyingTo(IEnumerable<PolicySet> sets, EvaluationScope scope) => sets.Where(set => set.AppliesTo(scope)).ToList();

    public override string ToString() => Source is null ? Name : $"{Name} ({Source})";

    private static bool Matches(List<string>? patterns, string? value) =>
        patterns is null || patterns.Count == 0 || (value is not null && Glob.AnyMatch(patterns, value));
}

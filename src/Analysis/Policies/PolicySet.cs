using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Rules;
using RunTasks.Analysis.Rules.Visibility;

namespace RunTasks.Analysis.Policies;

/// <summary>
/// A named selection of rules with their parameters and enforcement, scoped by organisation, project, workspace and stage.
/// Immutable and thread-safe; built from YAML (see docs/policies.md).
/// </summary>
public sealed class PolicySet
{
    private readonly ScopeSettings _scope;
    private readonly IReadOnlyDictionary<string, Severity> _severities;

    /// <param name="severities">Each rule's enforcement by id; a rule missing here counts as an error rule when it cannot judge.</param>
    internal PolicySet(string name, string? source, ScopeSettings scope, IReadOnlyList<IResourceRule> resourceRules, IReadOnlyList<IPlanRule> planRules, Severity? unknownSeverity, Severity? sensitiveSeverity = null, bool judgeUnchanged = false, IReadOnlyDictionary<string, Severity>? severities = null)
    {
        _severities = severities ?? new Dictionary<string, Severity>();
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
            ids.Add(KnownAfterApplyRule.BuiltIn.Id);
        }

        if (sensitiveSeverity is not null)
        {
            ids.Add(SensitiveValueRule.BuiltIn.Id);
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

    /// <summary>The severity a rule of this set reports at, and so the severity of its <c>rule_failure</c> when it cannot judge.</summary>
    internal Severity SeverityOf(string ruleId) => _severities.GetValueOrDefault(ruleId, Severity.Error);

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

    /// <summary>
    /// Why this set does not apply to runs in <paramref name="scope"/>: one phrase per scope key that does not match,
    /// e.g. "organization acme (this run: none)"; empty when the set applies.
    /// </summary>
    public IReadOnlyList<string> Mismatches(EvaluationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var mismatches = new List<string>();
        Mismatch(mismatches, "organization", _scope.Organizations, scope.Organization);
        Mismatch(mismatches, "project", _scope.Projects, scope.Project);
        Mismatch(mismatches, "workspace", _scope.Workspaces, scope.Workspace);
        Mismatch(mismatches, "stage", _scope.Stages, scope.Stage);
        return mismatches;
    }

    /// <summary>
    /// Says in one line why none of <paramref name="sets"/> applies to runs in <paramref name="scope"/>, naming for each
    /// set (at most five) the organization, project, workspace or stage that did not match.
    /// </summary>
    public static string WhyNoneApplies(IReadOnlyCollection<PolicySet> sets, EvaluationScope scope)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(scope);
        if (sets.Count == 0)
        {
            return "no policy set is loaded";
        }

        const int Shown = 5;
        var reasons = sets.Take(Shown).Select(set => $"set '{set.Name}' wants {string.Join(" and ", set.Mismatches(scope))}").ToList();
        if (sets.Count > Shown)
        {
            reasons.Add($"{sets.Count - Shown} more set(s)");
        }

        return "no policy set applies to this run: " + string.Join("; ", reasons);
    }

    /// <summary>The sets of <paramref name="sets"/> that apply to runs in <paramref name="scope"/>, in order; what every provider answers.</summary>
    internal static IReadOnlyList<PolicySet> ApplyingTo(IEnumerable<PolicySet> sets, EvaluationScope scope) => sets.Where(set => set.AppliesTo(scope)).ToList();

    public override string ToString() => Source is null ? Name : $"{Name} ({Source})";

    private static void Mismatch(List<string> mismatches, string key, List<string>? patterns, string? value)
    {
        if (!Matches(patterns, value))
        {
            mismatches.Add($"{key} {string.Join(", ", patterns!)} (this run: {value ?? "none"})");
        }
    }

    private static bool Matches(List<string>? patterns, string? value) =>
        patterns is null || patterns.Count == 0 || (value is not null && Glob.AnyMatch(patterns, value));
}

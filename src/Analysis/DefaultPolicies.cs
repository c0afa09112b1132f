namespace RunTasks.Analysis;

/// <summary>The built-in default policy set: every built-in rule on with its default parameters, for every scope.</summary>
public static class DefaultPolicies
{
    /// <summary>The built-in default set (the same rules and parameters as policies/default.yaml).</summary>
    public static PolicySet Set { get; } = PolicySet.Parse("name: builtin-default\n")[0];

    /// <summary>A provider returning only the built-in default set.</summary>
    public static IPolicyProvider Provider { get; } = new StaticPolicyProvider([Set]);
}

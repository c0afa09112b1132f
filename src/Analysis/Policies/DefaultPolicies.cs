
namespace RunTasks.Analysis.Policies;

/// <summary>The built-in default policy set: every built-in rule on with its default parameters, for every scope.</summary>
public static class DefaultPolicies
{
    /// <summary>The built-in default set (the same rules and parameters as policies/default.yaml).</summary>
    /// <remarks>Compiled from an empty document rather than parsed: no YAML deserializer is built for the defaults, which keeps the CLI's start-up short.</remarks>
    public static PolicySet Set { get; } = PolicyCompiler.Compile(new PolicyDocument { Name = "builtin-default" }, null);

    /// <summary>A provider returning only the built-in default set.</summary>
    public static IPolicyProvider Provider { get; } = new StaticPolicyProvider([Set]);
}

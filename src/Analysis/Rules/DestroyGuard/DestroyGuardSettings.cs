using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.DestroyGuard;

/// <summary>Destroy guard: which deletions and replacements are refused.</summary>
internal sealed class DestroyGuardSettings : RuleSettings
{
    /// <summary>When false, only <see cref="ProtectedTypes"/> and <see cref="ProtectedAddresses"/> are guarded.</summary>
    public bool IncludeBuiltinTypes { get; set; } = true;

    /// <summary>Resource type globs guarded in addition to the built-in stateful types.</summary>
    public List<string> ProtectedTypes { get; set; } = [];

    /// <summary>Resource address globs guarded whatever their type, e.g. <c>module.prod.*</c>.</summary>
    public List<string> ProtectedAddresses { get; set; } = [];

    /// <summary>Address globs never reported, e.g. scratch resources.</summary>
    public List<string> ExemptAddresses { get; set; } = [];
}

using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.AllowLists;

/// <summary>Module source allow-list: globs over module call sources; empty means off.</summary>
internal sealed class ModuleAllowListSettings : RuleSettings
{
    public List<string> Sources { get; set; } = [];

    /// <summary>Local paths (./ and ../) are always allowed unless this is false.</summary>
    public bool AllowLocal { get; set; } = true;
}

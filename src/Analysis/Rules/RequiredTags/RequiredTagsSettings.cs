using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.RequiredTags;

/// <summary>Required tags (AWS, Azure) or labels (Google) on taggable resources.</summary>
internal sealed class RequiredTagsSettings : RuleSettings
{
    public List<string> Keys { get; set; } = [];

    /// <summary>Resource type globs checked; empty means every resource with a tags or labels attribute.</summary>
    public List<string> ResourceTypes { get; set; } = [];
}

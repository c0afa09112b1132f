namespace RunTasks.Analysis.Policies;

/// <summary>What a policy directory holds: its policy sets and its waivers, loaded (and replaced) together.</summary>
public sealed record PolicyDirectoryContents(IReadOnlyList<PolicySet> Sets, WaiverSet Waivers);

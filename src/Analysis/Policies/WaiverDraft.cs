namespace RunTasks.Analysis.Policies;

/// <summary>A waiver read from a file but not yet validated: validation needs every rule id of the directory.</summary>
/// <param name="Path">The waiver's key path in messages, e.g. <c>waivers[SEC-1234]</c>.</param>
internal sealed record WaiverDraft(WaiverSettings Settings, string Source, string Path, int Line, PolicyPositions Positions);

using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Configuration;

/// <summary>An entry of a configuration archive that was not read, and why; <see cref="Severity"/> says whether the run fails for it.</summary>
internal sealed record ArchiveProblem(string Entry, string Reason, Severity Severity);

namespace RunTasks.Analysis.Engine;

/// <summary>How much a finding matters: only <see cref="Error"/> fails a run.</summary>
public enum Severity
{
    Info,
    Warning,
    Error,
}

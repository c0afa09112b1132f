namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>How much a finding matters, as the engine rated it; only <see cref="Error"/> fails a run.</summary>
[GenerateSerializer, Alias("runtasks.FindingSeverity")]
public enum FindingSeverity
{
    Info = 0,
    Warning = 1,
    Error = 2,
}

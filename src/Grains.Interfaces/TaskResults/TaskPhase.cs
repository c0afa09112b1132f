namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>Where a task result is in its lifecycle.</summary>
[GenerateSerializer, Alias("runtasks.TaskPhase")]
public enum TaskPhase
{
    Received = 0,
    Analysing = 1,
    CallbackPending = 2,
    Done = 3,
}

namespace RunTasks.Grains.Interfaces.TaskResults;

[GenerateSerializer, Alias("runtasks.VerdictStatus")]
public enum VerdictStatus
{
    Passed = 0,
    Failed = 1,
}

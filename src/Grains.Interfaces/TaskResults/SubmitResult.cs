namespace RunTasks.Grains.Interfaces.TaskResults;

[GenerateSerializer, Alias("runtasks.SubmitResult")]
public enum SubmitResult
{
    Accepted = 0,
    Duplicate = 1,
}

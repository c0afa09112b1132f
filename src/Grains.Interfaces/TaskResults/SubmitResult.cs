namespace RunTasks.TaskResults;

[GenerateSerializer, Alias("runtasks.SubmitResult")]
public enum SubmitResult
{
    Accepted = 0,
    Duplicate = 1,
}

namespace RunTasks.Grains.Interfaces.TaskResults;

[GenerateSerializer, Alias("runtasks.SubmitResult")]
public enum SubmitResult
{
    Accepted = 0,
    Duplicate = 1,
    /// <summary>The request names a URL this silo may not call (its <c>RunTasks:AllowedHosts</c>); nothing was stored.</summary>
    Refused = 2,
}

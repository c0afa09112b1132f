using Orleans.Concurrency;

namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>Owns one HCP Terraform task result, keyed by its <c>task_result_id</c>, from receipt to the final callback.</summary>
/// <remarks>This is all the Api may ask. The plan check and the callback sender report through their own interface.</remarks>
[Alias("runtasks.ITaskResultGrain")]
public interface ITaskResultGrain : IGrainWithStringKey
{
    /// <summary>Accepts a run task request; a repeated delivery of the same task result starts nothing new.</summary>
    /// <remarks>Interleaves: a concurrent duplicate waits for the first delivery's store rather than queueing behind it.</remarks>
    [AlwaysInterleave, Alias("Submit")]
    Task<SubmitResult> Submit(RunTaskRequest request);

    /// <summary>What the grain knows about its task result, or null when it never received one.</summary>
    /// <remarks>Interleaves: a read never waits behind a state write.</remarks>
    [AlwaysInterleave, Alias("GetSnapshot")]
    Task<TaskResultSnapshot?> GetSnapshot();

    /// <summary>What the details page shows, or null when the grain never received a request.</summary>
    /// <remarks>Interleaves: a read never waits behind a state write.</remarks>
    [AlwaysInterleave, Alias("GetDetails")]
    Task<TaskResultDetails?> GetDetails();
}

using Orleans.Concurrency;

namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>Owns one HCP Terraform task result, keyed by its <c>task_result_id</c>, from receipt to the final callback.</summary>
[Alias("runtasks.ITaskResultGrain")]
public interface ITaskResultGrain : IGrainWithStringKey
{
    /// <summary>Accepts a run task request; a repeated delivery of the same task result starts nothing new.</summary>
    [AlwaysInterleave, Alias("Submit")]
    Task<SubmitResult> Submit(RunTaskRequest request);

    /// <summary>What the grain knows about its task result, or null when it never received one.</summary>
    [AlwaysInterleave, Alias("GetSnapshot")]
    Task<TaskResultSnapshot?> GetSnapshot();

    /// <summary>What the details page shows, or null when the grain never received a request.</summary>
    [AlwaysInterleave, Alias("GetDetails")]
    Task<TaskResultDetails?> GetDetails();

    /// <summary>Called by the plan check of the given attempt while it works, to renew its lease and report progress.</summary>
    /// <remarks>Interleaves: a lease renewal must not wait behind a callback that is waiting for HCP Terraform's turn.</remarks>
    [AlwaysInterleave, Alias("ReportProgress")]
    Task ReportProgress(int attempt, string message);

    /// <summary>Called once by the plan check of the given attempt with its verdict; stale attempts are ignored.</summary>
    [Alias("ReportVerdict")]
    Task ReportVerdict(int attempt, Verdict verdict);
}

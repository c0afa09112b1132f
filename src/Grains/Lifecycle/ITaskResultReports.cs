using RunTasks.Grains.Callbacks;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Lifecycle;

/// <summary>
/// How the silo-local workers of a task result report back to its grain: the plan check (with the check's token) and
/// the callback sender (with the send's token). Each report is applied in a short turn; one without the current token
/// is ignored, so nobody who merely reaches the cluster can decide a verdict.
/// </summary>
[Alias("runtasks.ITaskResultReports")]
public interface ITaskResultReports : IGrainWithStringKey
{
    /// <summary>The plan check is alive and doing <paramref name="message"/>; renews its lease.</summary>
    [Alias("ReportProgress")]
    Task ReportProgress(string checkToken, string message);

    /// <summary>The plan check's verdict, once.</summary>
    [Alias("ReportVerdict")]
    Task ReportVerdict(string checkToken, Verdict verdict);

    /// <summary>What HCP Terraform answered to the callback handed to the sender with <paramref name="sendToken"/>.</summary>
    [Alias("ReportCallback")]
    Task ReportCallback(string sendToken, CallbackResult result);
}

using RunTasks.Grains.Inbox;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Security;

namespace RunTasks.Api.Intake;

/// <summary>
/// Cluster mode: the request is committed to the inbox (token encrypted) before the 200, then handed to its grain in
/// the background; whatever the silos are doing costs the hook nothing. Only a database that cannot record it means 503.
/// </summary>
public sealed partial class DurableIntake(IInboxStore inbox, AccessTokenProtector tokens, GrainHandOver handOver, TimeProvider time, ILogger<DurableIntake> logger) : IRequestIntake
{
    /// <summary>A stalled database must not hold the answer past HCP Terraform's patience: 503 after this, and it retries.</summary>
    private static readonly TimeSpan RecordBudget = TimeSpan.FromSeconds(1.5);

    public async Task<IntakeResult> AcceptAsync(RunTaskRequest request, CancellationToken cancellationToken)
    {
        // HCP Terraform's deadlines run from now, however late the hand-over to the grain comes (a crash, a pump).
        request = request with { ReceivedAt = time.GetUtcNow() };
        bool added;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(RecordBudget);
        // Any failure here (database down or stalled, key ring unreadable) means nothing was recorded: 503, and HCP
        // Terraform retries. A row committed just as the budget ran out is found as a duplicate then, and pumped.
        try
        {
            added = await inbox.TryAddAsync(tokens.Protect(request), budget.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNotRecorded(logger, request.TaskResultId, e.Message);
            return IntakeResult.Unavailable;
        }
        // A row already there is a delivery in progress: its hand-over (or the silos' pump) takes care of it.
        if (!added)
        {
            return IntakeResult.Duplicate;
        }

        handOver.Enqueue(request);
        return IntakeResult.Accepted;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run task request for {TaskResultId} could not be recorded (answered 503): {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, string taskResultId, string reason);
}

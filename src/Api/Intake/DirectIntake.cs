using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Api.Intake;

/// <summary>Embedded mode: the grain lives in this process, so the request goes straight to it.</summary>
public sealed partial class DirectIntake(IGrainFactory grains, ILogger<DirectIntake> logger) : IRequestIntake
{
    public async Task<IntakeResult> AcceptAsync(RunTaskRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await grains.GetGrain<ITaskResultGrain>(request.TaskResultId).Submit(request) switch
            {
                SubmitResult.Accepted => IntakeResult.Accepted,
                SubmitResult.Duplicate => IntakeResult.Duplicate,
                // The silo's AllowedHosts differ from the Api's; the grain has logged it. Not a 200: nothing will run.
                _ => IntakeResult.Unavailable,
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not a 200, so HCP Terraform delivers the request again later.
            LogSubmitFailed(logger, e, request.TaskResultId);
            return IntakeResult.Unavailable;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Run task request for {TaskResultId} could not be handed to its grain")]
    private static partial void LogSubmitFailed(ILogger logger, Exception exception, string taskResultId);
}

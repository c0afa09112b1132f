using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Api.Intake;

/// <summary>Takes responsibility for a valid run task request before the endpoint answers 200.</summary>
public interface IRequestIntake
{
    Task<IntakeResult> AcceptAsync(RunTaskRequest request, CancellationToken cancellationToken);
}

using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Details;

/// <summary>Turns a task result's snapshot, request and verdict into the details page's model; never copies the token.</summary>
public static class TaskResultDetailsBuilder
{
    public static TaskResultDetails Build(TaskResultSnapshot snapshot, RunTaskRequest request, Verdict? verdict)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new TaskResultDetails(
            snapshot,
            request.OrganizationName,
            request.ProjectName,
            request.WorkspaceName,
            request.RunId,
            request.RunAppUrl,
            request.WorkspaceAppUrl,
            request.EnforcementLevel,
            request.IsSpeculative,
            verdict?.Details);
    }
}

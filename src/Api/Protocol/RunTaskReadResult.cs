using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Api.Protocol;

/// <summary>The outcome of reading a run task request: a task to start, a verification ping, or a refusal.</summary>
public sealed record RunTaskReadResult(RunTaskRequest? Request, bool IsVerification, int StatusCode, string? Title, string? Detail)
{
    /// <summary>For a URL refused because <c>RunTasks:AllowedHosts</c> does not name its host and port: where it points.</summary>
    public UnallowedOrigin? Origin { get; init; }

    public static readonly RunTaskReadResult Verification = new(null, true, 200, null, null);

    public static RunTaskReadResult Accepted(RunTaskRequest request) => new(request, false, 200, null, null);

    public static RunTaskReadResult Invalid(int statusCode, string title, string detail) => new(null, false, statusCode, title, detail);
}

using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Plans;

/// <summary>Turns a plan (JSON, streamed) into a verdict for the task result it belongs to.</summary>
public interface IPlanAnalyzer
{
    /// <param name="progress">Receives short human-readable progress lines, e.g. "Checking 120 resource changes".</param>
    ValueTask<Verdict> AnalyzeAsync(Stream plan, RunTaskRequest request, IProgress<string> progress, CancellationToken cancellationToken);
}

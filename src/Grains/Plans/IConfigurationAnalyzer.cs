using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Plans;

/// <summary>Turns a configuration version (a .tar.gz, streamed) into a verdict for the task result it belongs to.</summary>
public interface IConfigurationAnalyzer
{
    /// <summary>Throws what the stream throws (an <see cref="IOException"/> from a cut or truncated download) so the caller can download again.</summary>
    Task<Verdict> AnalyzeAsync(Stream archive, RunTaskRequest request, IProgress<string> progress, CancellationToken cancellationToken);
}

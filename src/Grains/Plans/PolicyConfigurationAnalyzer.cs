using RunTasks.Analysis.Configuration;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using RunTasks.Grains.Details;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Plans;

/// <summary>Runs the configuration rules over a configuration version and turns the findings into outcomes and page details, as <see cref="PolicyPlanAnalyzer"/> does for plans.</summary>
public sealed class PolicyConfigurationAnalyzer(ConfigurationAnalyzer analyzer, IPolicyProvider policies) : IConfigurationAnalyzer
{
    public async Task<Verdict> AnalyzeAsync(Stream archive, RunTaskRequest request, IProgress<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var scope = new EvaluationScope(request.OrganizationName, request.ProjectName, request.WorkspaceName, request.Stage);
        progress.Report("Checking the configuration");
        var report = await analyzer.AnalyzeArchiveAsync(archive, scope, request.WorkspaceWorkingDirectory, cancellationToken);
        var sets = policies.For(scope).Select(set => set.Name);
        return new Verdict(
            report.Passed ? VerdictStatus.Passed : VerdictStatus.Failed,
            report.Message,
            [.. report.Findings.Select(PolicyPlanAnalyzer.ToOutcome)],
            VerdictDetailsFactory.From(report, sets));
    }
}

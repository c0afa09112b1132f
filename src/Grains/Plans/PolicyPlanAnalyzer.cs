using RunTasks.Analysis;
using RunTasks.Grains.Details;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Plans;

/// <summary>Runs the policy engine over the streamed plan and turns its findings into HCP Terraform outcomes and page details.</summary>
public sealed class PolicyPlanAnalyzer(PlanAnalyzer analyzer, IPolicyProvider policies) : IPlanAnalyzer
{
    public async ValueTask<Verdict> AnalyzeAsync(Stream plan, RunTaskRequest request, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var scope = new EvaluationScope(request.OrganizationName, request.ProjectName, request.WorkspaceName, request.Stage);
        var report = await analyzer.AnalyzeAsync(plan, scope, cancellationToken);
        // The report does not say which sets ran; the provider answers the same question for the same scope.
        var sets = policies.For(scope).Select(set => set.Name);
        return new Verdict(
            report.Passed ? VerdictStatus.Passed : VerdictStatus.Failed,
            report.Message,
            [.. report.Findings.Select(ToOutcome)],
            VerdictDetailsFactory.From(report, sets));
    }

    public static Outcome ToOutcome(Finding finding)
    {
        var (severity, status, level) = finding.Severity switch
        {
            Severity.Error => ("High", "Denied", "error"),
            Severity.Warning => ("Medium", "Review", "warning"),
            _ => ("Low", "Info", "info"),
        };
        // A waived finding keeps its severity; its status says it was accepted, so it fails nothing.
        (status, var statusLevel) = finding.WaivedBy is null ? (status, level) : ("Waived", "none");
        OutcomeTag[] tags = finding.WaivedBy is { } waiver
            ? [new OutcomeTag("Severity", severity, level), new OutcomeTag("Status", status, statusLevel), new OutcomeTag("Rule", finding.RuleId, "none"), new OutcomeTag("Waiver", waiver.Id, "none")]
            : [new OutcomeTag("Severity", severity, level), new OutcomeTag("Status", status, statusLevel), new OutcomeTag("Rule", finding.RuleId, "none")];
        return new Outcome($"{finding.RuleId}:{finding.Address}", finding.Description, finding.MarkdownBody, tags);
    }
}

using RunTasks.Analysis.Engine;
using RunTasks.Grains.Callbacks;
using RunTasks.Grains.Details;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Plans;

/// <summary>Runs the policy engine over the streamed plan and turns its findings into HCP Terraform outcomes and page details.</summary>
public sealed class PolicyPlanAnalyzer(PlanAnalyzer analyzer) : IPlanAnalyzer
{
    public async ValueTask<Verdict> AnalyzeAsync(Stream plan, RunTaskRequest request, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var scope = new EvaluationScope(request.OrganizationName, request.ProjectName, request.WorkspaceName, request.Stage);
        var report = await analyzer.AnalyzeAsync(plan, scope, cancellationToken);
        // The sets the evaluation ran, not a later lookup: a reload in between must not relabel this verdict.
        var sets = report.PolicySets ?? [];
        return new Verdict(
            report.Passed ? VerdictStatus.Passed : VerdictStatus.Failed,
            report.Message,
            ToOutcomes(report.Findings),
            VerdictDetailsFactory.From(report, sets));
    }

    /// <summary>
    /// The outcomes as HCP Terraform receives them, and no more is stored: at most 250 (the last summing up the rest), texts
    /// within HCP Terraform's limits, bodies within <see cref="VerdictDetailsFactory.MaxBodyCharacters"/>, ids unique.
    /// </summary>
    public static IReadOnlyList<Outcome> ToOutcomes(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var budget = VerdictDetailsFactory.MaxBodyCharacters;
        var outcomes = new List<Outcome>();
        foreach (var outcome in CallbackDocument.Limit([.. findings.Select(ToOutcome)]))
        {
            outcomes.Add(outcome with
            {
                OutcomeId = UniqueId(outcome.OutcomeId, ids),
                Description = TextLimits.Truncate(outcome.Description, CallbackDocument.MaxDescription),
                Body = outcome.Body is { } body ? VerdictDetailsFactory.WithinBudget(body, CallbackDocument.MaxBody, ref budget) : null,
            });
        }

        return outcomes;
    }

    public static Outcome ToOutcome(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
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
        return new Outcome(Fit($"{finding.RuleId}:{finding.Address}"), finding.Description, finding.MarkdownBody, tags);
    }

    // HCP Terraform keeps 64 characters of an id: a clipped id ends in a hash of the whole, so long addresses sharing a prefix differ.
    private static string Fit(string id) => TextLimits.ClipUnique(id, CallbackDocument.MaxOutcomeId, "~");

    // One rule can report one address more than once (two open ports): number the repeats.
    private static string UniqueId(string id, HashSet<string> used)
    {
        var candidate = id;
        for (int n = 2; !used.Add(candidate); n++)
        {
            candidate = Fit($"{id}#{n}");
        }

        return candidate;
    }
}

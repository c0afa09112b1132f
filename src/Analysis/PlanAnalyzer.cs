using System.Text.Json;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Rules;

namespace RunTasks.Analysis;

/// <summary>
/// Streams a <c>terraform show -json</c> plan through the rules of the policy sets that apply to a run.
/// Thread-safe; memory stays bounded by the largest single resource change, not the plan size.
/// </summary>
public sealed class PlanAnalyzer
{
    private readonly IPolicyProvider _policies;

    public PlanAnalyzer(IPolicyProvider policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        _policies = policies;
    }

    /// <summary>
    /// Analyses a plan. Never throws for bad input: a document that is not JSON, not a plan, or of an unknown format
    /// yields a failed report explaining why. Only <see cref="OperationCanceledException"/> escapes.
    /// </summary>
    public async ValueTask<AnalysisReport> AnalyzeAsync(Stream planJson, EvaluationScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planJson);
        ArgumentNullException.ThrowIfNull(scope);
        var evaluation = new PlanEvaluation(_policies.For(scope));
        try
        {
            var header = await PlanStreamReader.ReadAsync(planJson, evaluation, cancellationToken);
            return evaluation.Complete(header);
        }
        catch (JsonException exception)
        {
            return Unreadable($"The plan is not valid JSON ({Position(exception)}).");
        }
        catch (PlanFormatException exception)
        {
            return Unreadable(exception.Message);
        }
        catch (IOException exception)
        {
            return Unreadable($"The plan could not be read: {exception.Message}");
        }
    }

    private static string Position(JsonException exception) =>
        exception.LineNumber is { } line ? $"line {line + 1}, byte {exception.BytePositionInLine + 1}" : "unexpected end or structure";

    private static AnalysisReport Unreadable(string reason)
    {
        var message = PlanEvaluation.Truncate("Plan could not be analysed — " + reason, 1000);
        var finding = new Finding(
            RuleIds.PlanUnreadable,
            Severity.Error,
            "plan",
            PlanEvaluation.Truncate(reason, 1000),
            FindingText.Body(
                "The plan could not be analysed",
                null,
                null,
                reason + " Without reading the plan no policy can be checked, so the run is not allowed to pass.",
                "Make sure the run task receives the output of `terraform show -json PLANFILE` (format 0.x or 1.x); run `runtasks check plan.json` locally to reproduce."));
        return new AnalysisReport(false, message, PlanSummary.Empty, [finding]);
    }
}

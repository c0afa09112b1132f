using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Engine;

/// <summary>
/// Streams a <c>terraform show -json</c> plan through the rules of the policy sets that apply to a run.
/// Thread-safe; memory stays bounded by the largest single resource change (capped by <see cref="AnalysisLimits"/>), not the plan size.
/// </summary>
public sealed class PlanAnalyzer
{
    private readonly IPolicyProvider _policies;
    private readonly AnalysisLimits _limits;
    private readonly TimeProvider _time;
    private readonly WaiverOptions _waivers;

    public PlanAnalyzer(IPolicyProvider policies)
        : this(policies, AnalysisLimits.Default)
    {
    }

    public PlanAnalyzer(IPolicyProvider policies, AnalysisLimits limits)
        : this(policies, limits, TimeProvider.System, WaiverOptions.Default)
    {
    }

    /// <param name="time">The clock waivers expire by (tests and <c>runtasks test</c> cases pin it).</param>
    public PlanAnalyzer(IPolicyProvider policies, AnalysisLimits limits, TimeProvider time, WaiverOptions waivers)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(waivers);
        _policies = policies;
        _limits = limits;
        _time = time;
        _waivers = waivers;
    }

    /// <summary>
    /// Analyses a plan. Bytes that are not a readable plan (not JSON, not UTF-8, not a plan, an unknown format, a
    /// resource change over the size limit) yield a failed report saying why; a rule that throws yields a
    /// <c>rule_failure</c> finding. What the <paramref name="planJson"/> stream itself throws (an <see cref="IOException"/>
    /// from a truncated body, a read timeout, …) escapes unchanged so the caller can retry the download, as does
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public async ValueTask<AnalysisReport> AnalyzeAsync(Stream planJson, EvaluationScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planJson);
        ArgumentNullException.ThrowIfNull(scope);
        var sets = _policies.For(scope);
        var evaluation = new PlanEvaluation(sets, _limits, sets.Count == 0 ? PolicySet.WhyNoneApplies(_policies.Sets, scope) : null, RunStages.Normalize(scope.Stage));
        try
        {
            var header = await PlanStreamReader.ReadAsync(planJson, evaluation, _limits, cancellationToken);
            return _policies.Waivers.Apply(evaluation.Complete(header), scope, _time.GetUtcNow(), _waivers);
        }
        catch (PlanSourceException exception) when (exception.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }
        catch (JsonException exception)
        {
            return Unreadable($"The plan is not valid JSON ({Position(exception)}).");
        }
        catch (PlanFormatException exception)
        {
            return Unreadable(exception.Message);
        }
        catch (PlanLimitException exception)
        {
            return Unreadable(exception.Message, exception.Address);
        }
        catch (InvalidOperationException exception) when (exception.InnerException is DecoderFallbackException)
        {
            return Unreadable("The plan is not valid UTF-8; Terraform writes plans as UTF-8, so the file was altered "
                + "or is not a plan.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A fault of the engine on these bytes: one final verdict now beats a retry loop that meets the same fault.
            return Unreadable($"The engine could not read this plan ({exception.GetType().Name}).");
        }
    }

    private static string Position(JsonException exception) =>
        exception.LineNumber is { } line ? $"line {line + 1}, byte {exception.BytePositionInLine + 1}" : "unexpected end or structure";

    private static AnalysisReport Unreadable(string reason, string? address = null)
    {
        var message = TextLimits.Truncate(MarkdownText.OneLine("Plan could not be analysed — " + reason), TextLimits.MaxMessage);
        var finding = new Finding(
            EngineFindings.PlanUnreadable.Id,
            Severity.Error,
            address ?? "plan",
            FindingText.Line(reason),
            FindingText.Body(
                "The plan could not be analysed",
                null,
                null,
                MarkdownText.Escape(reason) + " Without reading the plan no policy can be checked, so the run is not "
                    + "allowed to pass.",
                "Make sure the run task receives the output of `terraform show -json PLANFILE` (format 0.x or 1.x); "
                    + "run `runtasks check plan.json` locally to reproduce.",
                address is null ? null : "Resource: " + MarkdownText.Code(address)));
        return new AnalysisReport(false, message, PlanSummary.Empty, [finding]);
    }
}

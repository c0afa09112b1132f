using System.Text;
using System.Text.Json;
using RunTasks.Analysis.Conditions;
using RunTasks.Analysis.Configuration;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Engine;

/// <summary>Runs the rules of the applicable policy sets over a plan as it streams, then builds the report.</summary>
internal sealed class PlanEvaluation : IPlanVisitor
{
    private readonly IReadOnlyList<PolicySet> _sets;
    private readonly RuleContext[] _contexts;
    private readonly Severity[][] _resourceSeverities;
    private readonly Severity[][] _planSeverities;
    private readonly FindingCollector _findings = new();
    private readonly PlanFacts _facts = new();
    private readonly string? _noneApplies;
    private readonly PlanConfigurationReader _configuration;

    /// <param name="noneApplies">Why no set applies, when <paramref name="sets"/> is empty; part of the message.</param>
    /// <param name="stage">The run stage judged, for rules limited to some stages; null when unknown.</param>
    public PlanEvaluation(IReadOnlyList<PolicySet> sets, AnalysisLimits? limits = null, string? noneApplies = null, string? stage = null)
    {
        _sets = sets;
        _facts.Stage = stage;
        _configuration = new PlanConfigurationReader(_facts.Configuration);
        _noneApplies = noneApplies;
        var documents = new ConditionDocuments((limits ?? AnalysisLimits.Default).MaxCustomRuleChangeBytes);
        _contexts = sets.Select(set => new RuleContext(_findings, set.UnknownSeverity, set.SensitiveSeverity, set.JudgeUnchanged) { ConditionDocuments = documents }).ToArray();
        _resourceSeverities = sets.Select(set => set.ResourceRules.Select(rule => set.SeverityOf(rule.Id)).ToArray()).ToArray();
        _planSeverities = sets.Select(set => set.PlanRules.Select(rule => set.SeverityOf(rule.Id)).ToArray()).ToArray();
    }

    public void OnResourceChange(JsonElement element, bool drift)
    {
        var change = ResourceChange.From(element, drift);
        if (drift)
        {
            _facts.DriftCount++;
            PlanFacts.AddCapped(_facts.Drifted, change.Address);
            return;
        }

        _facts.Count(change);
        if (change.ProviderName is { Length: > 0 } provider)
        {
            _facts.AddProvider(provider);
        }

        for (int i = 0; i < _sets.Count; i++)
        {
            var rules = _sets[i].ResourceRules;
            for (int j = 0; j < rules.Count; j++)
            {
                var rule = rules[j];
                var severity = _resourceSeverities[i][j];
                _contexts[i].RunningRuleSeverity = severity;
                try
                {
                    rule.Evaluate(change, _contexts[i]);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A value of an unexpected shape, or a bug in a rule, must neither abort the run nor pass.
                    ReportRuleFailure(rule.Id, severity, change.Address, change.Address, change, "resource", exception);
                }
            }
        }
    }

    public void OnOutputChange(string name, JsonElement change)
    {
        // Outputs carry no resource risk the built-in rules judge; they are read so malformed ones surface as JSON errors.
    }

    public void OnProvider(string address) => _facts.AddProvider(address);

    public void OnModuleSource(string source) => _facts.AddModuleSource(source);

    public void OnConfigurationString(ReadOnlySpan<string> path, string value) => _configuration.Read(path, value);

    public AnalysisReport Complete(PlanHeader header)
    {
        _facts.Header = header;
        for (int i = 0; i < _sets.Count; i++)
        {
            var rules = _sets[i].PlanRules;
            for (int j = 0; j < rules.Count; j++)
            {
                var rule = rules[j];
                var severity = _planSeverities[i][j];
                _contexts[i].RunningRuleSeverity = severity;
                try
                {
                    rule.Complete(_facts, _contexts[i]);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    ReportRuleFailure(rule.Id, severity, "plan", "the plan", null, "plan", exception);
                }
            }
        }

        var findings = _findings.Findings
            .Select((finding, index) => (finding, index))
            .OrderByDescending(f => f.finding.Severity)
            .ThenBy(f => f.index)
            .Select(f => f.finding)
            .ToList();
        var summary = new PlanSummary(
            _facts.Create,
            _facts.Update,
            _facts.Delete,
            _facts.Replace,
            _facts.Read,
            _facts.Deletions.ToList(),
            _facts.Replacements.ToList(),
            header.FormatVersion,
            header.TerraformVersion,
            header.Errored);
        var passed = _findings.Errors == 0;
        return new AnalysisReport(passed, Message(summary, findings), summary, findings, [.. _sets.Select(set => set.Name)]);
    }

    private string Message(PlanSummary summary, List<Finding> findings)
    {
        var builder = new StringBuilder();
        if (_findings.Errors + _findings.Warnings + _findings.Infos == 0)
        {
            builder.Append("No findings");
            if (_sets.Count == 0)
            {
                builder.Append(" (").Append(_noneApplies ?? "no policy set applies to this run").Append(')');
            }
        }
        else
        {
            var parts = new List<string>();
            Count(parts, _findings.Errors, "error");
            Count(parts, _findings.Warnings, "warning");
            Count(parts, _findings.Infos, "info");
            builder.AppendJoin(", ", parts);
        }

        builder.Append(" — ");
        var details = findings.Where(f => f.Severity != Severity.Info).Take(20).Select(f => f.Description).ToList();
        if (details.Count == 0)
        {
            builder.Append(summary.Create).Append(" to create, ").Append(summary.Update).Append(" to update, ")
                .Append(summary.Replace).Append(" to replace, ").Append(summary.Delete).Append(" to destroy");
        }
        else
        {
            builder.AppendJoin("; ", details);
        }

        return TextLimits.Truncate(builder.ToString(), TextLimits.MaxMessage);
    }

    private void ReportRuleFailure(string ruleId, Severity severity, string address, string subject, ResourceChange? change, string noun, Exception exception) =>
        _findings.Add(new Finding(
            EngineFindings.RuleFailure.Id,
            severity,
            address,
            FindingText.Line($"Rule {ruleId} could not check {subject} ({exception.GetType().Name})"),
            FindingText.Body($"Rule {ruleId} could not check {subject}", change, null, $"The {noun} was not checked by this rule, so a problem it would report may be present; a rule that cannot judge never passes, so this finding has the rule's own severity.",
                "Report this plan shape to the RunTasks maintainers.")));

    private static void Count(List<string> parts, int count, string noun)
    {
        if (count > 0)
        {
            parts.Add(count == 1 || noun == "info" ? $"{count} {noun}" : $"{count} {noun}s");
        }
    }
}

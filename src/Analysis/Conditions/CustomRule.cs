using System.Globalization;
using DevLab.JmesPath.Expressions;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Policies;
using RunTasks.Analysis.Rules;

namespace RunTasks.Analysis.Conditions;

/// <summary>A rule from policy YAML: a JMESPath condition over the resource change element, for chosen types and actions.</summary>
internal sealed class CustomRule : IResourceRule
{
    private static readonly ChangeKind[] DefaultKinds = [ChangeKind.Create, ChangeKind.Update, ChangeKind.Replace];

    private readonly Severity _severity;
    private readonly CustomRuleSettings _settings;
    private readonly ConditionPool _condition;
    private readonly ConditionPaths _paths;
    private readonly HashSet<ChangeKind> _kinds;
    private readonly HashSet<string>? _exactTypes;

    /// <param name="condition">The condition compiled at load, proof that it is valid; evaluations use copies of their own.</param>
    public CustomRule(Severity severity, CustomRuleSettings settings, JmesPathExpression condition, IEnumerable<ChangeKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(condition);
        _severity = severity;
        _settings = settings;
        _condition = new ConditionPool(settings.Condition!);
        _paths = ConditionPaths.Of(condition);
        _kinds = [.. kinds];
        if (_kinds.Count == 0)
        {
            _kinds.UnionWith(DefaultKinds);
        }

        // Most rules list plain type names; a set lookup keeps a pack of many rules cheap on large plans.
        if (!settings.ResourceTypes.Any(t => t.Contains('*', StringComparison.Ordinal) || t.Contains('?', StringComparison.Ordinal)))
        {
            _exactTypes = new HashSet<string>(settings.ResourceTypes, StringComparer.OrdinalIgnoreCase);
        }

        Id = settings.Id!;
    }

    public string Id { get; }

    public string Condition => _settings.Condition!;

    /// <summary>
    /// Parses a condition with the standard functions and those in <see cref="Functions.PolicyFunctions"/>, refusing one over
    /// <see cref="ConditionLimits"/> (its message completes "not a valid JMESPath expression: ").
    /// </summary>
    public static JmesPathExpression Compile(string condition) => new CompiledCondition(condition).Expression;

    public void Evaluate(ResourceChange change, RuleContext context)
    {
        if (!_kinds.Contains(change.Kind) || change.IsDrift || !AppliesToType(change.Type))
        {
            return;
        }

        if (context.ConditionDocuments.For(change, _paths) is not { } document)
        {
            ReportTooLarge(change, context);
            return;
        }

        JmesPathArgument result;
        try
        {
            result = _condition.Evaluate(document);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A condition that cannot be evaluated must not pass silently, nor pass for a finding of the rule itself.
            context.Report(EngineFindings.RuleFailure.Id, Severity.Warning, change, $"Custom rule {Id} could not be evaluated on {change.Address}: {Why(exception)}", null,
                "The rule's condition failed on this resource, so the resource was not checked.",
                "Fix the JMESPath condition in the policy set, or make the value known at plan time.");
            return;
        }

        if (JmesPathArgument.IsFalse(result))
        {
            return;
        }

        var description = (_settings.Description ?? Id).Replace("{address}", change.Address, StringComparison.Ordinal).Replace("{type}", change.Type, StringComparison.Ordinal);
        if (!description.Contains(change.Address, StringComparison.Ordinal))
        {
            description = $"{change.Address}: {description}";
        }

        context.Report(
            Id,
            _severity,
            change,
            description,
            null,
            _settings.Rationale ?? $"The policy set requires that `{_settings.Condition}` does not hold for this resource.",
            _settings.Remediation ?? "Change the resource so the condition no longer holds, or ask the policy owners "
                + "for an exception.",
            _settings.DocsUrl is { } url ? $"**Reference:** {url}" : null);
    }

    // Not evaluating must not pass silently: the rule's own severity, so an error rule still fails the run.
    private void ReportTooLarge(ResourceChange change, RuleContext context)
    {
        var size = ConditionDocuments.SizeOf(change.Element, _paths);
        var limit = context.ConditionDocuments.MaxBytes;
        context.Report(
            Id,
            _severity,
            change,
            string.Create(CultureInfo.InvariantCulture, $"{change.Address} was not checked by custom rule {Id}: its condition reads {size:N0} bytes of the resource change, more than the {limit:N0} a custom rule may read"),
            null,
            "Custom rule conditions read a copy of what they look at in the resource change, many times its size, so "
                + "parts over the limit (AnalysisLimits.MaxCustomRuleChangeBytes) are not evaluated; a problem the "
                + "rule looks for may be present.",
            "Check this resource by other means before applying, or raise the limit for custom rules if the service "
                + "has the memory.");
    }

    private bool AppliesToType(string type) => _exactTypes is { } exact
        ? exact.Count == 0 || exact.Contains(type)
        : Glob.AnyMatch(_settings.ResourceTypes, type);

    /// <summary>
    /// JMESPath's own errors say what went wrong in the condition's terms ("both arguments to function starts_with must be
    /// strings") and quote no value; anything else is named by its type only.
    /// </summary>
    private static string Why(Exception exception) =>
        exception.TargetSite?.DeclaringType?.Namespace?.StartsWith("DevLab.JmesPath", StringComparison.Ordinal) == true && exception.Message.Length > 0
            ? VisibleText.Escape(TextLimits.Truncate(exception.Message, 200))
            : exception.GetType().Name;
}

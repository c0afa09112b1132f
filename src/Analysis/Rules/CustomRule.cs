using System.Text.Json;
using DevLab.JmesPath.Expressions;
using Newtonsoft.Json.Linq;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Policies;
using RunTasks.Analysis.Rules.Functions;

namespace RunTasks.Analysis.Rules;

/// <summary>A rule from policy YAML: a JMESPath condition over the resource change element, for chosen types and actions.</summary>
internal sealed class CustomRule : IResourceRule
{
    private static readonly ChangeKind[] DefaultKinds = [ChangeKind.Create, ChangeKind.Update, ChangeKind.Replace];

    // Every custom rule of every set reads the same change one after another on one thread: convert it to JSON.NET once.
    [ThreadStatic]
    private static (ResourceChange? Change, JToken? Token) _lastConverted;

    private readonly Severity _severity;
    private readonly CustomRuleSettings _settings;
    private readonly JmesPathExpression _condition;
    private readonly HashSet<ChangeKind> _kinds;
    private readonly HashSet<string>? _exactTypes;

    public CustomRule(Severity severity, CustomRuleSettings settings, JmesPathExpression condition, IEnumerable<ChangeKind> kinds)
    {
        _severity = severity;
        _settings = settings;
        _condition = condition;
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

    /// <summary>Parses a condition with the standard functions and those in <see cref="PolicyFunctions"/>.</summary>
    public static JmesPathExpression Compile(string condition) => PolicyFunctions.CreateParser().Parse(condition);

    public void Evaluate(ResourceChange change, RuleContext context)
    {
        if (!_kinds.Contains(change.Kind) || change.IsDrift || !AppliesToType(change.Type))
        {
            return;
        }

        JmesPathArgument result;
        try
        {
            result = _condition.Transform(ToToken(change));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A condition that cannot be evaluated must not pass silently, nor pass for a finding of the rule itself.
            context.Report(EngineFindings.RuleFailure.Id, Severity.Warning, change, $"Custom rule {Id} could not be evaluated on {change.Address}: {exception.GetType().Name}", null, "The rule's condition failed on this resource, so the resource was not checked.", "Fix the JMESPath condition in the policy set.");
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
            _settings.Remediation ?? "Change the resource so the condition no longer holds, or ask the policy owners for an exception.",
            _settings.DocsUrl is { } url ? $"**Reference:** {url}" : null);
    }

    private bool AppliesToType(string type) => _exactTypes is { } exact
        ? exact.Count == 0 || exact.Contains(type)
        : Glob.AnyMatch(_settings.ResourceTypes, type);

    private static JToken ToToken(ResourceChange change)
    {
        if (ReferenceEquals(_lastConverted.Change, change) && _lastConverted.Token is { } cached)
        {
            return cached;
        }

        var token = Convert(change.Element);
        _lastConverted = (change, token);
        return token;
    }

    // Direct tree copy: no text round trip; strings stay strings (no date parsing), numbers keep their precision.
    private static JToken Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new JObject(element.EnumerateObject().Select(p => new JProperty(p.Name, Convert(p.Value)))),
        JsonValueKind.Array => new JArray(element.EnumerateArray().Select(Convert)),
        JsonValueKind.String => new JValue(element.GetString()),
        JsonValueKind.Number when element.TryGetInt64(out var integer) => new JValue(integer),
        JsonValueKind.Number when element.TryGetDecimal(out var number) => new JValue(number),
        JsonValueKind.Number => new JValue(element.GetDouble()),
        JsonValueKind.True => new JValue(true),
        JsonValueKind.False => new JValue(false),
        _ => JValue.CreateNull(),
    };
}

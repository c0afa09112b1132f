using System.Globalization;
using System.Text.RegularExpressions;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Rules;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace RunTasks.Analysis.Policies;

/// <summary>Turns policy YAML into <see cref="PolicySet"/>s, validating every key so a bad file fails with a message naming it.</summary>
internal static partial class PolicyCompiler
{
    // Built on first use only: building it is the costliest step of start-up, and the built-in defaults need no YAML.
    private static readonly Lazy<IDeserializer> Deserializer = new(() => new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithNodeDeserializer(new RulesSettingsDeserializer(), where => where.After<NullNodeDeserializer>())
        .Build());

    private static readonly string[] Stages = ["pre_plan", "post_plan", "pre_apply", "post_apply"];

    public static IReadOnlyList<PolicySet> Parse(string yaml, string? source)
    {
        var where = source ?? "policy";
        var sets = new List<PolicySet>();
        try
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            while (parser.Accept<DocumentStart>(out _))
            {
                var document = Deserializer.Value.Deserialize<PolicyDocument?>(parser);
                if (document is not null)
                {
                    sets.Add(Compile(document, source, sets.Count));
                }
            }
        }
        catch (YamlException exception)
        {
            var message = exception.InnerException is { } inner && inner is not YamlException ? inner.Message : exception.Message;
            throw new PolicyLoadException($"{where}: line {exception.Start.Line}: {message}", exception);
        }

        return sets;
    }

    public static PolicySet Compile(PolicyDocument document, string? source, int index = 0)
    {
        var name = document.Name ?? (source is null ? "policy" : Path.GetFileNameWithoutExtension(source)) + (index > 0 ? "#" + index.ToString(CultureInfo.InvariantCulture) : string.Empty);
        var where = (source ?? "policy") + $" (set '{name}')";
        var defaults = document.BuiltinRules;
        var rules = document.Rules ?? new RulesSettings();
        var scope = document.Scope ?? new ScopeSettings();
        foreach (var stage in scope.Stages ?? [])
        {
            if (!Stages.Contains(stage) && !stage.Contains('*', StringComparison.Ordinal))
            {
                throw new PolicyLoadException($"{where}: scope.stages: unknown stage '{stage}' (use {string.Join(", ", Stages)})");
            }
        }

        var compiled = new PolicySetRules();
        foreach (var rule in BuiltInRules.All)
        {
            rule.AddTo(compiled, rules.GetValueOrDefault(rule.Id), defaults, where);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var custom in document.CustomRules ?? [])
        {
            CompileCustom(where, custom, ids, compiled);
        }

        return new PolicySet(name, source, scope, compiled.Resource, compiled.Plan, compiled.Unknown, compiled.Sensitive, document.JudgeUnchanged, compiled.Severities);
    }

    private static void CompileCustom(string where, CustomRuleSettings custom, HashSet<string> ids, PolicySetRules compiled)
    {
        if (custom.Id is null || !RuleIdPattern().IsMatch(custom.Id))
        {
            throw new PolicyLoadException($"{where}: custom_rules: every rule needs an id of letters, digits, '_', '-' or '.' (got '{custom.Id}')");
        }

        var at = $"{where}: custom_rules[{custom.Id}]";
        if (!ids.Add(custom.Id) || RuleCatalog.Find(custom.Id) is not null)
        {
            throw new PolicyLoadException($"{at}: the id is used twice or by a built-in rule");
        }

        if (string.IsNullOrWhiteSpace(custom.Condition))
        {
            throw new PolicyLoadException($"{at}.condition: a JMESPath condition is required");
        }

        if (custom.DocsUrl is not null && !(Uri.TryCreate(custom.DocsUrl, UriKind.Absolute, out var link) && link.Scheme is "https" or "http"))
        {
            throw new PolicyLoadException($"{at}.docs_url: '{custom.DocsUrl}' is not an absolute http(s) URL");
        }

        var kinds = new List<ChangeKind>();
        foreach (var action in custom.Actions)
        {
            kinds.Add(action switch
            {
                "create" => ChangeKind.Create,
                "update" => ChangeKind.Update,
                "delete" => ChangeKind.Delete,
                "replace" => ChangeKind.Replace,
                "read" => ChangeKind.Read,
                "no-op" => ChangeKind.NoOp,
                _ => throw new PolicyLoadException($"{at}.actions: unknown action '{action}' (use create, update, delete, replace, read, no-op)"),
            });
        }

        DevLab.JmesPath.Expressions.JmesPathExpression condition;
        try
        {
            condition = CustomRule.Compile(custom.Condition);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new PolicyLoadException($"{at}.condition: not a valid JMESPath expression: {exception.Message}", exception);
        }

        if (Enforcement.Parse(at + ".enforcement", custom.Enforcement, Severity.Error) is { } severity)
        {
            compiled.Severities[custom.Id] = severity;
            compiled.Resource.Add(new CustomRule(severity, custom, condition, kinds));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex RuleIdPattern();
}

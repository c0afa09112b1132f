using System.Globalization;
using System.Text.RegularExpressions;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Rules;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace RunTasks.Analysis.Policies;

/// <summary>Turns policy YAML into <see cref="PolicySet"/>s, validating every key so a bad file fails with a message naming it.</summary>
internal static partial class PolicyCompiler
{
    // Built on first use only: building it is the costliest step of start-up, and the built-in defaults need no YAML.
    private static readonly Lazy<IDeserializer> Deserializer = new(() => new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
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

        var resourceRules = new List<IResourceRule>();
        var planRules = new List<IPlanRule>();

        Add(resourceRules, Enforcement(where, RuleIds.DestroyGuard, rules.DestroyGuard, defaults, Severity.Error), s => new DestroyGuardRule(s, rules.DestroyGuard ?? new DestroyGuardSettings()));
        var blast = rules.BlastRadius ?? new BlastRadiusSettings();
        if (blast.MaxDestructiveChanges < 0)
        {
            throw new PolicyLoadException($"{where}: rules.blast_radius.max_destructive_changes must be zero or more");
        }

        Add(planRules, Enforcement(where, RuleIds.BlastRadius, rules.BlastRadius, defaults, Severity.Error), s => new BlastRadiusRule(s, blast.MaxDestructiveChanges));
        var network = rules.NetworkExposure ?? new NetworkExposureSettings();
        if (network.Ports?.Any(p => p is < 0 or > 65535) == true)
        {
            throw new PolicyLoadException($"{where}: rules.network_exposure.ports must be between 0 and 65535");
        }

        Add(resourceRules, Enforcement(where, RuleIds.NetworkExposure, rules.NetworkExposure, defaults, Severity.Error), s => new NetworkExposureRule(s, network.Ports, network.FlagAllPorts));
        Add(resourceRules, Enforcement(where, RuleIds.PublicStorage, rules.PublicStorage, defaults, Severity.Error), s => new PublicStorageRule(s));
        Add(resourceRules, Enforcement(where, RuleIds.EncryptionAtRest, rules.EncryptionAtRest, defaults, Severity.Error), s => new EncryptionAtRestRule(s));
        Add(resourceRules, Enforcement(where, RuleIds.IamWildcards, rules.IamWildcards, defaults, Severity.Error), s => new IamWildcardsRule(s, rules.IamWildcards ?? new IamWildcardsSettings()));
        var tags = rules.RequiredTags ?? new RequiredTagsSettings();
        if (tags.Keys.Count > 0)
        {
            Add(resourceRules, Enforcement(where, RuleIds.RequiredTags, rules.RequiredTags, defaults, Severity.Warning), s => new RequiredTagsRule(s, tags));
        }

        var providers = rules.ProviderAllowList ?? new ProviderAllowListSettings();
        if (providers.Providers.Count > 0)
        {
            Add(planRules, Enforcement(where, RuleIds.ProviderAllowList, rules.ProviderAllowList, defaults, Severity.Error), s => new ProviderAllowListRule(s, providers.Providers));
        }

        var modules = rules.ModuleAllowList ?? new ModuleAllowListSettings();
        if (modules.Sources.Count > 0)
        {
            Add(planRules, Enforcement(where, RuleIds.ModuleAllowList, rules.ModuleAllowList, defaults, Severity.Error), s => new ModuleAllowListRule(s, modules));
        }

        Add(planRules, Enforcement(where, RuleIds.PlanErrored, rules.PlanErrored, defaults, Severity.Error), s => new PlanErroredRule(s));
        Add(planRules, Enforcement(where, RuleIds.Drift, rules.Drift, defaults, Severity.Info), s => new DriftRule(s));
        var unknown = Enforcement(where, RuleIds.KnownAfterApply, rules.KnownAfterApply, defaults, Severity.Warning);
        var sensitive = Enforcement(where, RuleIds.SensitiveValue, rules.SensitiveValue, defaults, Severity.Warning);

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var custom in document.CustomRules ?? [])
        {
            resourceRules.AddRange(CompileCustom(where, custom, ids));
        }

        return new PolicySet(name, source, scope, resourceRules, planRules, unknown, sensitive, document.JudgeUnchanged);
    }

    private static IEnumerable<IResourceRule> CompileCustom(string where, CustomRuleSettings custom, HashSet<string> ids)
    {
        if (custom.Id is null || !RuleIdPattern().IsMatch(custom.Id))
        {
            throw new PolicyLoadException($"{where}: custom_rules: every rule needs an id of letters, digits, '_', '-' or '.' (got '{custom.Id}')");
        }

        var at = $"{where}: custom_rules[{custom.Id}]";
        if (!ids.Add(custom.Id) || typeof(RuleIds).GetFields().Any(f => Equals(f.GetValue(null), custom.Id)))
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

        var severity = ParseEnforcement(at + ".enforcement", custom.Enforcement, Severity.Error);
        return severity is { } s ? [new CustomRule(s, custom, condition, kinds)] : [];
    }

    private static void Add<T>(List<T> rules, Severity? severity, Func<Severity, T> create)
    {
        if (severity is { } s)
        {
            rules.Add(create(s));
        }
    }

    private static Severity? Enforcement(string where, string id, RuleSettings? settings, bool defaults, Severity fallback)
    {
        if (settings is null)
        {
            return defaults ? fallback : null;
        }

        return ParseEnforcement($"{where}: rules.{id}.enforcement", settings.Enforcement, fallback);
    }

    private static Severity? ParseEnforcement(string key, string? value, Severity fallback) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => fallback,
        "error" or "mandatory" => Severity.Error,
        "warning" or "advisory" => Severity.Warning,
        "info" => Severity.Info,
        "off" or "disabled" or "false" => null,
        _ => throw new PolicyLoadException($"{key}: '{value}' is not one of error, warning, info, off"),
    };

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex RuleIdPattern();
}

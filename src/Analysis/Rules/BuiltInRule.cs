using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules;

/// <summary>
/// A built-in rule's identity, declared once beside the rule: its catalogue entry (id, which is also its key under
/// <c>rules:</c> in policy YAML, and default severity), its settings type, how the settings are checked, and how the rule is
/// added to a policy set. <see cref="RuleCatalog.Rules"/> lists them for the compiler, the YAML reader and the catalogue.
/// </summary>
internal sealed class BuiltInRule
{
    private readonly Func<RuleSettings> _defaults;
    private readonly Func<RuleSettings, string?> _validate;
    private readonly Func<RuleSettings, bool> _hasWork;
    private readonly Action<RuleSettings, Severity, PolicySetRules> _add;

    private BuiltInRule(RuleDescriptor descriptor, Type settingsType, Func<RuleSettings> defaults, Func<RuleSettings, string?> validate, Func<RuleSettings, bool> hasWork, Action<RuleSettings, Severity, PolicySetRules> add)
    {
        Descriptor = descriptor;
        SettingsType = settingsType;
        _defaults = defaults;
        _validate = validate;
        _hasWork = hasWork;
        _add = add;
    }

    public RuleDescriptor Descriptor { get; }

    public string Id => Descriptor.Id;

    /// <summary>The class <c>rules.&lt;id&gt;</c> is read into; unknown keys in it are rejected.</summary>
    public Type SettingsType { get; }

    /// <param name="descriptor">Id, title, description and default severity.</param>
    /// <param name="add">Adds the rule, built from its settings, at the given severity.</param>
    /// <param name="validate">Names the first invalid setting (as "key must …"), or returns null.</param>
    /// <param name="hasWork">False when the settings leave the rule nothing to check (e.g. an empty allow-list); it is then off, whatever its enforcement.</param>
    public static BuiltInRule For<TSettings>(RuleDescriptor descriptor, Action<TSettings, Severity, PolicySetRules> add, Func<TSettings, string?>? validate = null, Func<TSettings, bool>? hasWork = null)
        where TSettings : RuleSettings, new() => new(
            descriptor,
            typeof(TSettings),
            () => new TSettings(),
            settings => validate?.Invoke((TSettings)settings),
            settings => hasWork?.Invoke((TSettings)settings) ?? true,
            (settings, severity, rules) => add((TSettings)settings, severity, rules));

    /// <summary>
    /// Checks the rule's settings (its defaults when the set does not mention it) and adds the rule to <paramref name="rules"/>
    /// unless it is off; throws <see cref="PolicyLoadException"/> naming the key of an invalid setting.
    /// </summary>
    /// <param name="at">The message prefix naming a key path (file, line, set, key), e.g. for <c>rules.blast_radius.enforcement</c>.</param>
    /// <param name="settings">What <c>rules.&lt;id&gt;</c> says, or null when the set does not mention the rule.</param>
    /// <param name="builtinRules">The set's <c>builtin_rules</c>: whether rules it does not mention run at their default severity.</param>
    public void AddTo(PolicySetRules rules, RuleSettings? settings, bool builtinRules, Func<string, string> at)
    {
        ArgumentNullException.ThrowIfNull(at);
        var effective = settings ?? _defaults();
        if (_validate(effective) is { } problem)
        {
            // Problems read "key must …": the key names the line.
            var space = problem.IndexOf(' ', StringComparison.Ordinal);
            throw new PolicyLoadException(space > 0 ? at($"rules.{Id}.{problem[..space]}") + problem[space..] : $"{at($"rules.{Id}")}: {problem}");
        }

        if (!_hasWork(effective))
        {
            return;
        }

        var severity = settings is null
            ? builtinRules ? Descriptor.DefaultSeverity : null
            : Enforcement.Parse(at($"rules.{Id}.enforcement"), settings.Enforcement, Descriptor.DefaultSeverity);
        if (severity is { } s)
        {
            rules.Severities[Id] = s;
            _add(effective, s, rules);
        }
    }
}

namespace RunTasks.Analysis.Policies;

/// <summary>
/// The <c>rules:</c> of a policy set: settings by built-in rule id, each read into that rule's own settings type
/// (<see cref="RulesSettingsDeserializer"/>). A rule the set does not mention is absent.
/// </summary>
internal sealed class RulesSettings : Dictionary<string, RuleSettings>
{
    public RulesSettings()
        : base(StringComparer.Ordinal)
    {
    }
}

using RunTasks.Analysis.Rules;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace RunTasks.Analysis.Policies;

/// <summary>Reads <c>rules:</c> key by key into the settings type each built-in rule declares, so the rule list is the only place a key is defined.</summary>
internal sealed class RulesSettingsDeserializer : INodeDeserializer
{
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        if (expectedType != typeof(RulesSettings))
        {
            value = null;
            return false;
        }

        var rules = new RulesSettings();
        reader.Consume<MappingStart>();
        while (!reader.TryConsume<MappingEnd>(out _))
        {
            var key = reader.Consume<Scalar>();
            var rule = RuleCatalog.FindRule(key.Value)
                ?? throw new YamlException(key.Start, key.End, $"unknown built-in rule '{key.Value}' under rules");
            if (nestedObjectDeserializer(reader, rule.SettingsType) is RuleSettings settings)
            {
                rules[rule.Id] = settings;
            }
            else
            {
                // An empty value (`drift:`) means the same as leaving the rule out.
                rules.Remove(rule.Id);
            }
        }

        value = rules;
        return true;
    }
}

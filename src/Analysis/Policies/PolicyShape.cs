using System.Reflection;
using RunTasks.Analysis.Conditions;
using RunTasks.Analysis.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization.NamingConventions;

namespace RunTasks.Analysis.Policies;

/// <summary>
/// Checks the shape of a policy document before it is read into the settings classes: every key known (with a "did you
/// mean" for a near miss), lists where lists belong, mappings where mappings belong. Errors name the file, the line, the key
/// and the expected shape in the words of the YAML, never a .NET type; the positions it records let later errors name lines.
/// </summary>
internal static class PolicyShape
{
    private const string DocumentShape = "a mapping of keys such as name, scope, rules, custom_rules and waivers";

    // Examples in the words of docs/policies.md; keys not listed get a shape from their type.
    private static readonly Dictionary<string, string> Shapes = new(StringComparer.Ordinal)
    {
        ["resource_types"] = "a list of resource type globs, e.g. `[aws_*]`",
        ["actions"] = "a list of actions, e.g. `[create, update]`",
        ["organizations"] = "a list of organization globs, e.g. `[acme]`",
        ["projects"] = "a list of project globs, e.g. `[\"Platform*\"]`",
        ["workspaces"] = "a list of workspace globs, e.g. `[prod-*]`",
        ["stages"] = "a list of stages, e.g. `[post_plan, pre_apply]`",
        ["keys"] = "a list of tag keys, e.g. `[owner, cost-centre]`",
        ["ports"] = "a list of port numbers, e.g. `[22, 3389]`",
        ["providers"] = "a list of provider globs, e.g. `[\"registry.terraform.io/hashicorp/*\"]`",
        ["sources"] = "a list of module source globs, e.g. `[\"app.terraform.io/acme/*\"]`",
        ["protected_types"] = "a list of resource type globs, e.g. `[aws_db_*]`",
        ["protected_addresses"] = "a list of address globs, e.g. `[\"module.prod.*\"]`",
        ["exempt_addresses"] = "a list of address globs, e.g. `[\"module.scratch.*\"]`",
        ["custom_rules"] = "a list of rules, each starting with `- id: …`",
        ["waivers"] = "a list of waivers, each starting with `- id: …`",
        ["resources"] = "a list of address globs, e.g. `[\"module.edge.aws_security_group.bastion\"]`",
        ["rules"] = "a mapping of built-in rule ids to their settings, e.g. `required_tags: { keys: [owner] }`",
        ["scope"] = "a mapping of organizations, projects, workspaces and stages",
        ["enforcement"] = "one of error, warning, info, off",
        ["condition"] = "a JMESPath expression, e.g. \"change.after.encrypted == `false`\"",
        ["max_destructive_changes"] = "a whole number, e.g. `10`",
    };

    private static readonly Dictionary<Type, Dictionary<string, Field>> Schema = BuildSchema();

    /// <summary>Checks one document; returns where its keys are, or null for an empty document. Throws <see cref="PolicyLoadException"/>.</summary>
    public static PolicyPositions? Check(YamlNode? root, string where)
    {
        if (root is null || IsNull(root))
        {
            return null;
        }

        var positions = new PolicyPositions();
        CheckObject(root, typeof(PolicyDocument), string.Empty, DocumentShape, where, positions);
        return positions;
    }

    /// <summary>The value shown in a message: the text as written, shortened.</summary>
    public static string Shown(string? value) => value is null ? "nothing" : $"'{(value.Length > 60 ? value[..60] + "…" : value)}'";

    private static void CheckObject(YamlNode node, Type type, string path, string shape, string where, PolicyPositions positions)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Error(where, node, $"{Named(path)} must be {shape} (got {Got(node)})");
        }

        var fields = Schema[type];
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = Key(keyNode, where);
            if (!fields.TryGetValue(key, out var field))
            {
                throw Unknown(where, keyNode, key, path.Length == 0 ? "in the policy set" : $"under {path}", "Valid keys", fields.Keys);
            }

            CheckValue(value, field, Child(path, key), where, positions, keyNode);
        }
    }

    private static void CheckValue(YamlNode value, Field field, string path, string where, PolicyPositions positions, YamlNode keyNode)
    {
        positions.Add(path, keyNode.Start.Line, value.Start.Line, value.Start.Column, field.Shape, Got(value));
        if (IsNull(value))
        {
            if (!field.Nullable)
            {
                throw Error(where, keyNode, $"{path} must be {field.Shape} (got nothing)");
            }

            return;
        }

        if (field.Type == typeof(RulesSettings))
        {
            CheckRules(value, path, field.Shape, where, positions);
        }
        else if (ElementType(field.Type) is { } element)
        {
            CheckList(value, element, path, field.Shape, where, positions);
        }
        else if (Schema.ContainsKey(field.Type))
        {
            CheckObject(value, field.Type, path, field.Shape, where, positions);
        }
        else if (value is not YamlScalarNode)
        {
            throw Error(where, value, $"{path} must be {field.Shape} (got {Got(value)})");
        }
    }

    private static void CheckList(YamlNode value, Type element, string path, string shape, string where, PolicyPositions positions)
    {
        if (value is YamlScalarNode scalar)
        {
            throw Error(where, value, $"{path} must be {shape} (got the single value {Shown(scalar.Value)}; write `[{scalar.Value}]`)");
        }

        if (value is not YamlSequenceNode sequence)
        {
            throw Error(where, value, $"{path} must be {shape} (got {Got(value)})");
        }

        var index = 0;
        foreach (var item in sequence.Children)
        {
            if (Schema.ContainsKey(element))
            {
                var itemPath = $"{path}[{IdOf(item) ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
                positions.Add(itemPath, item.Start.Line, item.Start.Line, item.Start.Column, shape, Got(item));
                var itemShape = element == typeof(WaiverSettings) ? "a mapping of waiver keys (id, rule, resources, "
                    + "…)" : "a mapping of rule keys (id, condition, …)";
                CheckObject(item, element, itemPath, itemShape, where, positions);
            }
            else
            {
                var itemPath = $"{path}[{index}]";
                var itemShape = element == typeof(int) ? "a whole number" : "a single value";
                positions.Add(itemPath, item.Start.Line, item.Start.Line, item.Start.Column, itemShape, Got(item));
                if (item is not YamlScalarNode || IsNull(item))
                {
                    throw Error(where, item, $"{path} must be {shape}; item {index + 1} is {Got(item)}");
                }
            }

            index++;
        }
    }

    private static void CheckRules(YamlNode value, string path, string shape, string where, PolicyPositions positions)
    {
        if (value is not YamlMappingNode mapping)
        {
            throw Error(where, value, $"{path} must be {shape} (got {Got(value)})");
        }

        foreach (var (keyNode, settings) in mapping.Children)
        {
            var key = Key(keyNode, where);
            if (RuleCatalog.FindRule(key) is not { } rule)
            {
                throw Unknown(where, keyNode, key, $"under {path}", "Built-in rules (custom rules go under "
                    + "custom_rules)",
                    RuleCatalog.Rules.Select(r => r.Id));
            }

            var field = new Field(rule.SettingsType, Nullable: true, $"a mapping of settings of {key}, e.g. `{{ enforcement: warning }}`");
            CheckValue(settings, field, Child(path, key), where, positions, keyNode);
        }
    }

    private static string Key(YamlNode keyNode, string where) =>
        keyNode is YamlScalarNode { Value: { Length: > 0 } key } ? key : throw Error(where, keyNode, $"a key must be a plain name (got {Got(keyNode)})");

    private static PolicyLoadException Unknown(string where, YamlNode keyNode, string key, string place, string validLabel, IEnumerable<string> valid)
    {
        var keys = valid.ToList();
        var suggestion = KeySuggestion.Closest(key, keys) is { } closest ? $"; did you mean '{closest}'?" : ".";
        return Error(where, keyNode, $"unknown key '{key}' {place}{suggestion} {validLabel}: {string.Join(", ", keys)}");
    }

    private static PolicyLoadException Error(string where, YamlNode node, string message) => new($"{where}: line {node.Start.Line}: {message}");

    private static string Got(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode scalar when IsNull(scalar) => "nothing",
        YamlScalarNode scalar => Shown(scalar.Value),
        _ => "an alias",
    };

    private static string Named(string path) => path.Length == 0 ? "a policy set" : path;

    private static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>The <c>id</c> written in a list item, which names the item in key paths (<c>custom_rules[acme.x]</c>), or null.</summary>
    public static string? IdOf(YamlNode item) =>
        item is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("id"), out var id) && id is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;

    // YAML's plain null forms; a quoted "" is an empty string, not null.
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static Type? ElementType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;

    private static Dictionary<Type, Dictionary<string, Field>> BuildSchema()
    {
        // NullabilityInfoContext is not thread-safe: the schema is built once, here.
        var nullability = new NullabilityInfoContext();
        var types = new[] { typeof(PolicyDocument), typeof(ScopeSettings), typeof(CustomRuleSettings), typeof(WaiverSettings) }
            .Concat(RuleCatalog.Rules.Select(rule => rule.SettingsType))
            .Distinct();
        return types.ToDictionary(
            type => type,
            type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite)
                .ToDictionary(
                    p => UnderscoredNamingConvention.Instance.Apply(p.Name),
                    p => new Field(p.PropertyType, nullability.Create(p).WriteState == NullabilityState.Nullable, ShapeOf(UnderscoredNamingConvention.Instance.Apply(p.Name), p.PropertyType)),
                    StringComparer.Ordinal));
    }

    private static string ShapeOf(string key, Type type) => Shapes.GetValueOrDefault(key) ?? type switch
    {
        _ when type == typeof(bool) => "`true` or `false`",
        _ when type == typeof(int) => "a whole number",
        _ when type == typeof(string) => "a single value",
        _ when type == typeof(List<int>) => "a list of whole numbers, e.g. `[1, 2]`",
        _ when ElementType(type) is not null => "a list, e.g. `[a, b]`",
        _ => "a mapping of keys",
    };

    private sealed record Field(Type Type, bool Nullable, string Shape);
}

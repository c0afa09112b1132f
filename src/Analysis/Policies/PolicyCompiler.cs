using System.Globalization;
using System.Text.RegularExpressions;
using RunTasks.Analysis.Conditions;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Rules;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace RunTasks.Analysis.Policies;

/// <summary>
/// Turns policy YAML into <see cref="PolicySet"/>s, validating every key so a bad file fails with a message naming the
/// file, the line, the key and what was expected (<see cref="PolicyShape"/>), never a .NET type.
/// </summary>
internal static partial class PolicyCompiler
{
    // Built on first use only: building it is the costliest step of start-up, and the built-in defaults need no YAML.
    private static readonly Lazy<IDeserializer> Deserializer = new(() => new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithNodeDeserializer(new RulesSettingsDeserializer(), where => where.After<NullNodeDeserializer>())
        .Build());

    public static IReadOnlyList<PolicySet> Parse(string yaml, string? source)
    {
        var (sets, waivers) = ParseFile(yaml, source);
        if (waivers.Count > 0)
        {
            // Waivers need every rule id of the directory to be validated; read alone they would be silently ignored.
            throw new PolicyLoadException($"{waivers[0].Source}: line {waivers[0].Line}: waivers are loaded with their policy directory (RunTasks:PolicyPath, runtasks --policy DIR), not from a single document");
        }

        return sets;
    }

    /// <summary>The policy sets of a file and its waivers, still to be validated against every rule of the directory.</summary>
    public static (IReadOnlyList<PolicySet> Sets, IReadOnlyList<WaiverDraft> Waivers) ParseFile(string yaml, string? source)
    {
        var where = source ?? "policy";
        var waivers = new List<WaiverDraft>();
        var sets = new List<PolicySet>();
        foreach (var (document, root, positions) in ReadDocuments(yaml, where))
        {
            if (document?.Waivers is { Count: > 0 } && root is not null && positions is not null)
            {
                var items = (YamlSequenceNode)root.Children[new YamlScalarNode("waivers")];
                for (int j = 0; j < items.Children.Count; j++)
                {
                    var item = items.Children[j];
                    var path = $"waivers[{PolicyShape.IdOf(item) ?? j.ToString(CultureInfo.InvariantCulture)}]";
                    waivers.Add(new WaiverDraft(document.Waivers[j], where, path, (int)item.Start.Line, positions));
                }
            }

            // A document of waivers alone is no policy set: it must not add a set that applies to every run.
            var waiversOnly = root is not null && root.Children.Count > 0 && root.Children.Keys.All(key => key is YamlScalarNode { Value: "waivers" });
            if (document is not null && !waiversOnly)
            {
                sets.Add(Compile(document, source, sets.Count, positions));
            }
        }

        return (sets, waivers);
    }

    /// <summary>
    /// One policy set spread over a folder: <paramref name="setFile"/> (its <c>set.yaml</c>) holds the set's name, scope
    /// and settings, and every other file (<paramref name="ruleFiles"/>, in path order) holds only <c>custom_rules</c>,
    /// added to the set in that order. A custom rule id is unique across the folder.
    /// </summary>
    public static PolicySet ParseFolder(string folder, (string Path, string Yaml) setFile, IReadOnlyList<(string Path, string Yaml)> ruleFiles)
    {
        var header = ReadDocuments(setFile.Yaml, setFile.Path).ToList();
        if (header is not [{ Document: { Waivers: null or [] } document, Positions: var positions }])
        {
            throw new PolicyLoadException($"{setFile.Path}: the set file of a policy set folder holds exactly one policy set and no waivers");
        }

        document.Name ??= Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        var parts = new List<CustomRuleFile>();
        foreach (var (path, yaml) in ruleFiles)
        {
            foreach (var (rules, root, rulePositions) in ReadDocuments(yaml, path))
            {
                if (root is null || root.Children.Keys.Any(key => key is not YamlScalarNode { Value: "custom_rules" }))
                {
                    throw new PolicyLoadException($"{path}: a file in the policy set folder {folder} holds only custom_rules; the set's name, scope and settings are in its {PolicySetFolder.SetFileName}");
                }

                parts.Add(new CustomRuleFile(path, rulePositions ?? PolicyPositions.None, rules?.CustomRules ?? []));
            }
        }

        return Compile(document, setFile.Path, 0, positions, parts);
    }

    // Each document of a file, shape-checked on the YAML tree, then read into the settings classes.
    private static IEnumerable<(PolicyDocument? Document, YamlMappingNode? Root, PolicyPositions? Positions)> ReadDocuments(string yaml, string where)
    {
        // The shape is checked on the document tree first, so the settings classes only ever see well-formed input.
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException exception)
        {
            throw new PolicyLoadException($"{where}: line {exception.Start.Line}: {Plain(exception)}", exception);
        }

        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        for (int i = 0; parser.Accept<DocumentStart>(out _); i++)
        {
            var positions = i < stream.Documents.Count ? PolicyShape.Check(stream.Documents[i].RootNode, where) : null;
            PolicyDocument? document;
            try
            {
                document = Deserializer.Value.Deserialize<PolicyDocument?>(parser);
            }
            catch (YamlException exception)
            {
                throw new PolicyLoadException(Explain(exception, positions, where), exception);
            }
            catch (Exception exception) when (exception is not PolicyLoadException and not OutOfMemoryException)
            {
                // Past the shape check this is a gap in it; still a policy error naming the file, never a crash of the reload.
                throw new PolicyLoadException($"{where}: document {i + 1} could not be read as a policy set; compare it with docs/policies.md, \"File format\"", exception);
            }

            yield return (document, i < stream.Documents.Count ? stream.Documents[i].RootNode as YamlMappingNode : null, positions);
        }
    }

    public static PolicySet Compile(PolicyDocument document, string? source, int index = 0, PolicyPositions? positions = null, IReadOnlyList<CustomRuleFile>? more = null)
    {
        var name = document.Name ?? (source is null ? "policy" : Path.GetFileNameWithoutExtension(source)) + (index > 0 ? "#" + index.ToString(CultureInfo.InvariantCulture) : string.Empty);
        var lines = positions ?? PolicyPositions.None;
        string At(string path) => lines.At(source, name, path);
        var defaults = document.BuiltinRules;
        var rules = document.Rules ?? new RulesSettings();
        var scope = document.Scope ?? new ScopeSettings();
        foreach (var stage in scope.Stages ?? [])
        {
            if (!RunStages.All.Contains(stage) && !stage.Contains('*', StringComparison.Ordinal))
            {
                var instead = RunStages.Normalize(stage) is { } normal ? $"write '{normal}'" : KeySuggestion.Closest(stage, RunStages.All) is { } near ? $"did you mean '{near}'?" : null;
                throw new PolicyLoadException($"{At("scope.stages")}: unknown stage '{stage}'{(instead is null ? string.Empty : "; " + instead)} (stages: {string.Join(", ", RunStages.All)})");
            }
        }

        var compiled = new PolicySetRules();
        foreach (var rule in RuleCatalog.Rules)
        {
            rule.AddTo(compiled, rules.GetValueOrDefault(rule.Id), defaults, At);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var customRules = document.CustomRules ?? [];
        for (int i = 0; i < customRules.Count; i++)
        {
            CompileCustom(At, customRules[i], i, ids, compiled);
        }

        foreach (var part in more ?? [])
        {
            string AtPart(string path) => part.Positions.At(part.Source, name, path);
            for (int i = 0; i < part.Rules.Count; i++)
            {
                CompileCustom(AtPart, part.Rules[i], i, ids, compiled);
            }
        }

        return new PolicySet(name, source, scope, compiled.Resource, compiled.Plan, compiled.Unknown, compiled.Sensitive, document.JudgeUnchanged, compiled.Severities);
    }

    private static void CompileCustom(Func<string, string> at, CustomRuleSettings custom, int index, HashSet<string> ids, PolicySetRules compiled)
    {
        var rule = $"custom_rules[{(string.IsNullOrEmpty(custom.Id) ? index.ToString(CultureInfo.InvariantCulture) : custom.Id)}]";
        if (custom.Id is null || !RuleIdPattern().IsMatch(custom.Id))
        {
            throw new PolicyLoadException($"{at(rule)}: every rule needs an id of letters, digits, '_', '-' or '.', e.g. `id: acme.no-public-buckets` (got {PolicyShape.Shown(custom.Id)})");
        }

        string At(string key) => at($"{rule}.{key}");
        if (!ids.Add(custom.Id))
        {
            throw new PolicyLoadException($"{At("id")}: '{custom.Id}' is used by another custom rule of this set");
        }

        if (RuleCatalog.Find(custom.Id) is not null)
        {
            throw new PolicyLoadException($"{At("id")}: '{custom.Id}' is the id of a built-in rule; choose your own, e.g. `acme.{custom.Id}`");
        }

        if (string.IsNullOrWhiteSpace(custom.Condition))
        {
            throw new PolicyLoadException($"{At("condition")}: a JMESPath condition is required, e.g. \"change.after.encrypted == `false`\"");
        }

        if (custom.DocsUrl is not null && !(Uri.TryCreate(custom.DocsUrl, UriKind.Absolute, out var link) && link.Scheme is "https" or "http"))
        {
            throw new PolicyLoadException($"{At("docs_url")}: '{custom.DocsUrl}' is not an absolute http(s) URL");
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
                _ => throw new PolicyLoadException($"{At("actions")}: unknown action '{action}'{Suggest(action, Actions)} (actions: {string.Join(", ", Actions)})"),
            });
        }

        DevLab.JmesPath.Expressions.JmesPathExpression condition;
        try
        {
            condition = CustomRule.Compile(custom.Condition);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new PolicyLoadException($"{At("condition")}: not a valid JMESPath expression: {exception.Message}", exception);
        }

        if (ConditionLint.Check(condition) is { } mistake)
        {
            throw new PolicyLoadException($"{At("condition")}: {mistake}");
        }

        if (Enforcement.Parse(At("enforcement"), custom.Enforcement, Severity.Error) is { } severity)
        {
            compiled.Severities[custom.Id] = severity;
            compiled.Resource.Add(new CustomRule(severity, custom, condition, kinds));
        }
    }

    private static readonly string[] Actions = ["create", "update", "delete", "replace", "read", "no-op"];

    private static string Suggest(string value, IEnumerable<string> valid) =>
        KeySuggestion.Closest(value, valid) is { } closest ? $"; did you mean '{closest}'?" : string.Empty;

    /// <summary>A reading error in the policy's words: the key, what it must be and what was written.</summary>
    private static string Explain(YamlException exception, PolicyPositions? positions, string where)
    {
        var line = exception.Start.Line;
        return positions?.ValueAt(line, exception.Start.Column) is { } value
            ? $"{where}: line {line}: {value.Path} must be {value.Shape} (got {value.Got})"
            : $"{where}: line {line}: {Plain(exception)}";
    }

    // YamlDotNet's own texts may name .NET types; those never reach a policy author.
    private static string Plain(YamlException exception)
    {
        var message = exception.InnerException is { } inner && inner is not YamlException ? inner.Message : exception.Message;
        return message.Contains("System.", StringComparison.Ordinal) || message.Contains("RunTasks.", StringComparison.Ordinal) || message.Contains('`', StringComparison.Ordinal)
            ? "this value does not have the shape this key expects (see docs/policies.md, \"File format\")"
            : message;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex RuleIdPattern();
}

using System.Text.Json;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Plans;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.RequiredTags;

/// <summary>Reports taggable resources (those with tags or labels) missing required keys.</summary>
internal sealed class RequiredTagsRule(Severity severity, RequiredTagsSettings settings) : IResourceRule
{
    /// <summary>The rule's identity and how a policy set's <c>rules.required_tags</c> turns into it.</summary>
    public static readonly BuiltInRule BuiltIn = BuiltInRule.For<RequiredTagsSettings>(
        new RuleDescriptor("required_tags", "Required tags missing", "Taggable resources missing tag or label keys the "
            + "policy requires.",
            Severity.Warning),
        (settings, severity, rules) => rules.Resource.Add(new RequiredTagsRule(severity, settings)),
        hasWork: settings => settings.Keys.Count > 0);

    private readonly Severity _severity = severity;
    private readonly RequiredTagsSettings _settings = settings;

    public string Id => BuiltIn.Id;

    public void Evaluate(ResourceChange change, RuleContext context)
    {
        if (_settings.Keys.Count == 0 || !context.Judges(change))
        {
            return;
        }

        if (_settings.ResourceTypes.Count > 0 && !Glob.AnyMatch(_settings.ResourceTypes, change.Type))
        {
            return;
        }

        var after = change.After;
        if (after.Value.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        // tags_all includes the AWS provider's default_tags; prefer it when it is known.
        PlanValue tags;
        if (after.Value.TryGetProperty("tags_all", out _) && !after["tags_all"].IsUnknown)
        {
            tags = after["tags_all"];
        }
        else if (after.Value.TryGetProperty("tags", out _))
        {
            tags = after["tags"];
        }
        else if (after.Value.TryGetProperty("labels", out _))
        {
            tags = after["labels"];
        }
        else
        {
            return;
        }

        if (tags.IsUnknown)
        {
            context.ReportUnknown(change, tags, "the required tags");
            return;
        }

        var missing = _settings.Keys
            .Where(key => tags.Value.ValueKind != JsonValueKind.Object || !tags.Value.TryGetProperty(key, out _))
            .ToList();
        if (missing.Count == 0)
        {
            return;
        }

        // Only key names were judged: the tag values (which may be secrets Terraform marks in tags but not in tags_all) stay out.
        var noun = tags.Path.StartsWith("labels", StringComparison.Ordinal) ? "labels" : "tags";
        context.Report(
            Id,
            _severity,
            change,
            $"{change.Address} is missing required {noun}: {string.Join(", ", missing)}",
            null,
            "Tags identify owner, cost centre and environment; untagged resources are orphaned in cost reports and "
                + "incident response cannot find who owns them.",
            $"Add {string.Join(", ", missing.Select(MarkdownText.Code))} to the resource's {noun}{(noun == "tags" ? ", or to the provider's default_tags" : string.Empty)}.",
            $"**Checked:** {MarkdownText.Code(tags.Path)}");
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Rules;
using RunTasks.Analysis.Rules.PlanState;

namespace RunTasks.Analysis.Policies;

/// <summary>
/// Validates the waivers of a policy directory once every file is read (a waiver may name a custom rule of another
/// file). Fails closed: any doubt about a waiver is a <see cref="PolicyLoadException"/> naming the file, line and key.
/// </summary>
internal static partial class WaiverCompiler
{
    // Findings about the plan or the engine itself: accepting them would pass a run nothing was checked in.
    private static readonly string[] Unwaivable = [PlanErroredRule.BuiltIn.Id, EngineFindings.PlanUnreadable.Id, EngineFindings.RuleFailure.Id, WaiverSet.Expiring.Id];

    private static readonly string[] DateFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd' 'HH:mm:ssK", "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK"];

    public static WaiverSet Compile(IReadOnlyList<WaiverDraft> drafts, IReadOnlyList<PolicySet> sets, WaiverOptions options, DateTimeOffset now)
    {
        if (drafts.Count == 0)
        {
            return WaiverSet.Empty;
        }

        var known = RuleCatalog.Rules.Select(rule => rule.Id)
            .Concat(sets.SelectMany(set => set.EnabledRules))
            .Where(id => !Unwaivable.Contains(id, StringComparer.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<string, WaiverDraft>(StringComparer.OrdinalIgnoreCase);
        var waivers = new List<Waiver>(drafts.Count);
        foreach (var draft in drafts)
        {
            waivers.Add(CompileOne(draft, known, seen, options, now));
        }

        return new WaiverSet(waivers);
    }

    private static Waiver CompileOne(WaiverDraft draft, HashSet<string> known, Dictionary<string, WaiverDraft> seen, WaiverOptions options, DateTimeOffset now)
    {
        var w = draft.Settings;
        string At(string key) => draft.Positions.LineOf($"{draft.Path}.{key}") is { } line
            ? $"{draft.Source}: line {line}: {draft.Path}.{key}"
            : $"{draft.Source}: line {draft.Line}: {draft.Path}.{key}";

        var id = Required(w.Id, "id", At, "e.g. `id: SEC-1234` (unique across the policy directory)");
        if (!IdPattern().IsMatch(id))
        {
            throw new PolicyLoadException($"{At("id")}: a waiver id is letters, digits, '_', '-' or '.', at most 64 characters, e.g. `SEC-1234` (got {PolicyShape.Shown(id)})");
        }

        if (!seen.TryAdd(id, draft))
        {
            var first = seen[id];
            // Both items share one key path, so the item's own line says which one is meant.
            throw new PolicyLoadException($"{draft.Source}: line {draft.Line}: {draft.Path}.id: '{id}' is already the id of the waiver at {first.Source}: line {first.Line}; waiver ids are unique across the policy directory");
        }

        var rule = Required(w.Rule, "rule", At, "a built-in rule key, a baseline check id or a custom rule id, e.g. "
            + "`rule: network_exposure`");
        if (Unwaivable.Contains(rule, StringComparer.Ordinal))
        {
            throw new PolicyLoadException($"{At("rule")}: '{rule}' cannot be waived: it says the plan or a rule could not be checked, and a waiver never passes a run that was not checked");
        }

        if (!known.Contains(rule))
        {
            var near = KeySuggestion.Closest(rule, known) is { } closest ? $"; did you mean '{closest}'?" : string.Empty;
            throw new PolicyLoadException($"{At("rule")}: unknown rule '{rule}'{near} A waiver names a built-in rule key (e.g. network_exposure), a baseline check id or the id of a custom rule of a loaded, enabled policy set");
        }

        if (w.Resources is not { Count: > 0 } resources || resources.Any(string.IsNullOrWhiteSpace))
        {
            throw new PolicyLoadException($"{At("resources")}: list the address globs this waiver covers, e.g. `[\"module.edge.aws_security_group.bastion\"]` (full address: module path and instance key included); write `[\"*\"]` to cover every resource");
        }

        foreach (var stage in w.Stages ?? [])
        {
            if (!RunStages.All.Contains(stage) && !stage.Contains('*', StringComparison.Ordinal))
            {
                throw new PolicyLoadException($"{At("stages")}: unknown stage '{stage}' (stages: {string.Join(", ", RunStages.All)})");
            }
        }

        var reason = Required(w.Reason, "reason", At, "say why the risk is accepted, e.g. `reason: Bastion takes SSH "
            + "until the VPN is live.`");
        var owner = Required(w.Owner, "owner", At, "who answers for the risk, e.g. `owner: team-edge@acme.example`");
        var approver = Required(w.ApprovedBy, "approved_by", At, "who accepted the risk, e.g. `approved_by: "
            + "security@acme.example`");
        if (w.Ticket is { } ticket && !(Uri.TryCreate(ticket, UriKind.Absolute, out var link) && link.Scheme is "https" or "http"))
        {
            throw new PolicyLoadException($"{At("ticket")}: '{ticket}' is not an absolute http(s) URL");
        }

        var expires = Required(w.Expires, "expires", At, "a date such as `2027-03-31` (valid through the end of that "
            + "day, UTC) or an RFC 3339 time such as `2027-03-31T18:00:00Z`");
        var expiresAt = ParseExpiry(expires) ?? throw new PolicyLoadException(
            $"{At("expires")}: '{expires}' is not a date such as `2027-03-31` (valid through the end of that day, UTC) or an RFC 3339 time with its offset such as `2027-03-31T18:00:00Z`");
        if (expiresAt - now > options.MaxDuration)
        {
            throw new PolicyLoadException($"{At("expires")}: {expires} is more than {options.MaxDuration.TotalDays:0.##} days ahead (RunTasks:Waivers:MaxDuration); accept the risk for a shorter time and renew it when it comes due");
        }

        return new Waiver(id, rule, resources, w.Organizations ?? [], w.Projects ?? [], w.Workspaces ?? [], w.Stages ?? [], reason, owner, approver, w.Ticket, expires, expiresAt, draft.Source, draft.Line);
    }

    /// <summary>The first instant the waiver no longer applies: the day after a date (UTC), or the RFC 3339 time itself; null when neither.</summary>
    public static DateTimeOffset? ParseExpiry(string text)
    {
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        // RFC 3339 needs the offset: a time without one would mean whatever zone the server runs in.
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return hasOffset && DateTimeOffset.TryParseExact(text.ToUpperInvariant(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : null;
    }

    private static string Required(string? value, string key, Func<string, string> at, string example) =>
        string.IsNullOrWhiteSpace(value) ? throw new PolicyLoadException($"{at(key)}: required; {example}") : value.Trim();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex IdPattern();
}

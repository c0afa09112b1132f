using System.Globalization;
using System.Text;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Rules;

namespace RunTasks.Analysis.Policies;

/// <summary>
/// The waivers in force, indexed by rule id and then by exact address, so a run with thousands of waivers costs one
/// dictionary look-up per finding plus the few address globs of that rule. Immutable and thread-safe.
/// </summary>
public sealed class WaiverSet
{
    /// <summary>The warning a run gets while a waiver covering one of its findings is about to expire.</summary>
    public static readonly RuleDescriptor Expiring = new("waiver_expiring", "Waiver expiring soon",
        "A waiver covering a finding of this run expires soon; after that the finding fails the run again.",
        Severity.Warning);

    private const int ListedIds = 10;

    private readonly Dictionary<string, RuleWaivers> _byRule = new(StringComparer.Ordinal);

    public WaiverSet(IEnumerable<Waiver> waivers)
    {
        ArgumentNullException.ThrowIfNull(waivers);
        All = [.. waivers];
        foreach (var waiver in All)
        {
            if (!_byRule.TryGetValue(waiver.Rule, out var rule))
            {
                _byRule[waiver.Rule] = rule = new RuleWaivers();
            }

            rule.Add(waiver);
        }
    }

    public static WaiverSet Empty { get; } = new([]);

    /// <summary>Every waiver, in the order the files list them.</summary>
    public IReadOnlyList<Waiver> All { get; }

    /// <summary>
    /// Marks the findings of <paramref name="report"/> that a live waiver covers as waived (severity kept, no longer failing
    /// the run), names an expired waiver in the findings it no longer covers, and adds a warning for each live waiver used
    /// that expires within <see cref="WaiverOptions.WarnBefore"/>. Returns the report unchanged when no waiver is involved.
    /// </summary>
    public AnalysisReport Apply(AnalysisReport report, EvaluationScope scope, DateTimeOffset now, WaiverOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(options);
        if (_byRule.Count == 0 || report.Findings.Count == 0)
        {
            return report;
        }

        var findings = new List<Finding>(report.Findings.Count);
        var waived = new List<string>();
        var expiring = new List<Waiver>();
        var changed = false;
        foreach (var finding in report.Findings)
        {
            var (live, expired) = Match(finding, scope, now);
            if (live is not null)
            {
                findings.Add(Waived(finding, live));
                waived.Add(live.Id);
                if (live.ExpiresAt - now <= options.WarnBefore && !expiring.Contains(live))
                {
                    expiring.Add(live);
                }

                changed = true;
            }
            else if (expired is not null)
            {
                findings.Add(ExpiredNote(finding, expired));
                changed = true;
            }
            else
            {
                findings.Add(finding);
            }
        }

        if (!changed)
        {
            return report;
        }

        findings.AddRange(expiring.Select(waiver => ExpiringWarning(waiver, now)));
        var ordered = findings.OrderByDescending(f => f.Severity).ToList(); // stable: equal severities keep the engine's order
        var passed = !ordered.Any(f => f.Severity == Severity.Error && f.WaivedBy is null);
        return report with { Passed = passed, Message = Message(report.Summary, ordered, waived), Findings = ordered };
    }

    /// <summary>The live waiver covering <paramref name="finding"/> in this run, else an expired one that would have.</summary>
    public (Waiver? Live, Waiver? Expired) Match(Finding finding, EvaluationScope scope, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (!_byRule.TryGetValue(finding.RuleId, out var rule))
        {
            return (null, null);
        }

        Waiver? expired = null;
        foreach (var waiver in rule.Candidates(finding.Address))
        {
            if (waiver.AppliesTo(scope) && waiver.Covers(finding.Address))
            {
                if (waiver.IsLiveAt(now))
                {
                    return (waiver, null);
                }

                expired ??= waiver;
            }
        }

        return (null, expired);
    }

    private static Finding Waived(Finding finding, Waiver waiver)
    {
        var note = new StringBuilder()
            .Append("**Waived** by ").Append(MarkdownText.Code(waiver.Id)).Append(" until ").Append(MarkdownText.Escape(waiver.ExpiresText))
            .Append(": ").Append(MarkdownText.Escape(waiver.Reason)).Append(" Owner: ").Append(MarkdownText.Escape(waiver.Owner))
            .Append("; approved by: ").Append(MarkdownText.Escape(waiver.ApprovedBy));
        if (waiver.Ticket is { } ticket)
        {
            note.Append("; ticket: ").Append(MarkdownText.Code(ticket));
        }

        return WithNote(finding, note.Append('.').ToString(), finding.Description) with { WaivedBy = waiver };
    }

    private static Finding ExpiredNote(Finding finding, Waiver waiver) => WithNote(
        finding,
        $"**Waiver expired:** {MarkdownText.Code(waiver.Id)} expired on {MarkdownText.Escape(waiver.ExpiresText)}, so this finding counts again. Fix it, or renew the waiver with a new expiry and approval.",
        $"{finding.Description} (waiver {waiver.Id} expired on {waiver.ExpiresText})");

    private static Finding WithNote(Finding finding, string note, string description)
    {
        var body = finding.MarkdownBody + "\n" + note + "\n";
        var parts = finding.Parts is { } p ? p with { Notes = p.Notes is null ? note : p.Notes + "\n\n" + note } : null;
        return finding with
        {
            Description = FindingText.Line(description),
            MarkdownBody = TextLimits.Truncate(body, TextLimits.MaxBody),
            Parts = parts,
        };
    }

    private static Finding ExpiringWarning(Waiver waiver, DateTimeOffset now)
    {
        var days = Math.Max(0, (int)Math.Ceiling((waiver.ExpiresAt - now).TotalDays));
        var when = days <= 1 ? "within a day" : string.Create(CultureInfo.InvariantCulture, $"in {days} days");
        var description = $"Waiver {waiver.Id} ({waiver.Rule}) expires {when}, on {waiver.ExpiresText}; then the findings it waives fail the run again";
        var why = $"{MarkdownText.Escape(waiver.Reason)} Owner: {MarkdownText.Escape(waiver.Owner)}; approved by: {MarkdownText.Escape(waiver.ApprovedBy)}.";
        var fix = "Fix the waived findings before the expiry, or renew the waiver (a new `expires`, approved again) in "
            + "the policy directory.";
        var parts = new FindingParts(null, null, null, null, why, fix, waiver.Source is null ? null : "Waiver file: " + MarkdownText.Code(Path.GetFileName(waiver.Source)));
        return new Finding(Expiring.Id, Severity.Warning, waiver.Id, FindingText.Line(description), FindingText.Body(description, null, null, why, fix, parts.Notes), parts);
    }

    private static string Message(PlanSummary summary, List<Finding> findings, List<string> waived)
    {
        var open = findings.Where(f => f.WaivedBy is null).ToList();
        var parts = new List<string>();
        Count(parts, open.Count(f => f.Severity == Severity.Error), "error");
        Count(parts, open.Count(f => f.Severity == Severity.Warning), "warning");
        Count(parts, open.Count(f => f.Severity == Severity.Info), "info");
        var builder = new StringBuilder(parts.Count == 0 ? "Passed" : string.Join(", ", parts)).Append(" — ");
        var segments = new List<string>();
        var ids = waived.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count > 0)
        {
            var listed = string.Join(", ", ids.Take(ListedIds)) + (ids.Count > ListedIds ? $" and {ids.Count - ListedIds} more" : string.Empty);
            segments.Add($"{waived.Count} {(waived.Count == 1 ? "finding" : "findings")} waived: {listed}");
        }

        segments.AddRange(open.Where(f => f.Severity != Severity.Info).Take(20).Select(f => f.Description));
        if (segments.Count == 0)
        {
            segments.Add($"{summary.Create} to create, {summary.Update} to update, {summary.Replace} to replace, {summary.Delete} to destroy");
        }

        builder.AppendJoin("; ", segments);
        return TextLimits.Truncate(builder.ToString(), TextLimits.MaxMessage);
    }

    private static void Count(List<string> parts, int count, string noun)
    {
        if (count > 0)
        {
            parts.Add(count == 1 || noun == "info" ? $"{count} {noun}" : $"{count} {noun}s");
        }
    }

    /// <summary>The waivers of one rule: exact addresses by dictionary, glob patterns in a list.</summary>
    private sealed class RuleWaivers
    {
        private readonly Dictionary<string, List<Waiver>> _exact = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<Waiver> _globbed = [];

        public void Add(Waiver waiver)
        {
            if (waiver.Resources.Any(r => r.Contains('*', StringComparison.Ordinal) || r.Contains('?', StringComparison.Ordinal)))
            {
                _globbed.Add(waiver);
                return;
            }

            foreach (var address in waiver.Resources.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!_exact.TryGetValue(address, out var list))
                {
                    _exact[address] = list = [];
                }

                list.Add(waiver);
            }
        }

        public IEnumerable<Waiver> Candidates(string address) =>
            _exact.TryGetValue(address, out var exact) ? exact.Concat(_globbed) : _globbed;
    }
}

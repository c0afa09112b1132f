using RunTasks.Analysis.Engine;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Details;

/// <summary>A finding as the details page keeps it: its markdown body (capped) and the same body as data, so the page never re-parses markdown.</summary>
public static class FindingDetails
{
    /// <summary>One finding on its own, with a whole verdict's body budget.</summary>
    public static FindingDetail From(Finding finding)
    {
        var budget = VerdictDetailsFactory.MaxBodyCharacters;
        return From(finding, ref budget);
    }

    /// <param name="budget">Body characters the verdict may still store (see <see cref="VerdictDetailsFactory.MaxBodyCharacters"/>).</param>
    public static FindingDetail From(Finding finding, ref int budget)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var parts = finding.Parts;
        return new FindingDetail(
            finding.RuleId,
            finding.Severity switch
            {
                Severity.Error => FindingSeverity.Error,
                Severity.Warning => FindingSeverity.Warning,
                _ => FindingSeverity.Info,
            },
            TextLimits.ClipUnique(finding.Address, TextLimits.MaxAddress),
            TextLimits.Truncate(finding.Description, TextLimits.MaxDescription),
            VerdictDetailsFactory.WithinBudget(finding.MarkdownBody, VerdictDetails.MaxBody, ref budget),
            parts?.Action,
            parts?.Attribute,
            parts?.Before,
            parts?.After,
            parts is null ? null : Cap(parts.Why),
            parts is null ? null : Cap(parts.Fix),
            parts?.Notes is { } notes ? Cap(notes) : null,
            WaiverOf(finding));
    }

    /// <summary>The waiver that accepted <paramref name="finding"/>, as the page and the stored result keep it, or null.</summary>
    public static WaiverDetail? WaiverOf(Finding finding) =>
        finding?.WaivedBy is { } w ? new WaiverDetail(w.Id, w.Reason, w.Owner, w.ApprovedBy, w.Ticket, w.ExpiresText) : null;

    private static string Cap(string text) => text.Length <= VerdictDetails.MaxBody ? text : text[..VerdictDetails.MaxBody];
}

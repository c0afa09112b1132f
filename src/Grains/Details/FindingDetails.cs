using RunTasks.Analysis;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Details;

/// <summary>A finding as the details page keeps it: its markdown body (capped) and the same body as data, so the page never re-parses markdown.</summary>
public static class FindingDetails
{
    public static FindingDetail From(Finding finding)
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
            finding.Address,
            finding.Description,
            Cap(finding.MarkdownBody),
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

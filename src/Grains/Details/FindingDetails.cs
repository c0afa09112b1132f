using RunTasks.Analysis;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Details;

/// <summary>A finding as the details page keeps it: its markdown body (capped) and the same body as data, so the page never re-parses markdown.</summary>
public static class FindingDetails
{
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
            parts?.Notes is { } notes ? Cap(notes) : null);
    }

    private static string Cap(string text) => text.Length <= VerdictDetails.MaxBody ? text : text[..VerdictDetails.MaxBody];
}

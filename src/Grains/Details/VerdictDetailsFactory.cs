using RunTasks.Analysis.Engine;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Details;

/// <summary>Keeps what the details page needs from an analysis report, errors first, within <see cref="VerdictDetails.MaxFindings"/>.</summary>
public static class VerdictDetailsFactory
{
    /// <summary>
    /// Markdown bodies a stored verdict keeps, in characters, for its outcomes and again for its page findings: about 50
    /// bodies of the 10,000 maximum, or every body of 250 typical findings. Later bodies are replaced by <see cref="BodyNotKept"/>.
    /// </summary>
    public const int MaxBodyCharacters = 500_000;

    /// <summary>Said in place of a body once a verdict's bodies reach <see cref="MaxBodyCharacters"/>.</summary>
    public const string BodyNotKept = "The details of this finding were not kept: this result's findings reached the size a result may store. Run `runtasks check` on the plan to see every detail.";

    public static VerdictDetails From(AnalysisReport report, IEnumerable<string> policySets)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Summary;
        var plan = new PlanCounts(s.Create, s.Update, s.Replace, s.Delete, s.Read, [.. s.Deletions.Select(Address)], [.. s.Replacements.Select(Address)], s.TerraformVersion, s.Errored);
        var budget = MaxBodyCharacters;
        var kept = report.Findings
            .OrderByDescending(f => f.Severity)
            .Take(VerdictDetails.MaxFindings)
            .Select(finding => FindingDetails.From(finding, ref budget))
            .ToList();
        return new VerdictDetails(plan, kept, [.. policySets], report.Findings.Count - kept.Count);
    }

    /// <summary><paramref name="body"/> clipped to <paramref name="max"/>, or <see cref="BodyNotKept"/> once the budget is spent.</summary>
    internal static string WithinBudget(string body, int max, ref int remaining)
    {
        var clipped = TextLimits.Truncate(body, max);
        if (clipped.Length > remaining)
        {
            remaining = 0;
            return BodyNotKept;
        }

        remaining -= clipped.Length;
        return clipped;
    }

    private static string Address(string address) => TextLimits.ClipUnique(address, TextLimits.MaxAddress);
}

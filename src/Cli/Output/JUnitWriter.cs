using System.Globalization;
using System.Text;
using System.Xml;
using RunTasks.Analysis.Engine;

namespace RunTasks.Cli.Output;

/// <summary>
/// Writes a report as JUnit XML for CI test views: one test case per finding (errors are failures, warnings and infos
/// pass with their text in system-out; waived findings are skipped with the waiver's reason) and one passing case per
/// rule that ran without findings.
/// </summary>
public static class JUnitWriter
{
    public static string Write(AnalysisReport report, string planPath, IEnumerable<string> enabledRules)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(planPath);
        ArgumentNullException.ThrowIfNull(enabledRules);
        var rules = RuleList.For(report, enabledRules);
        var quiet = rules.Where(r => !report.Findings.Any(f => f.RuleId == r.Id)).ToList();
        var tests = (report.Findings.Count + quiet.Count).ToString(CultureInfo.InvariantCulture);
        var failures = report.Findings.Count(f => f.Severity == Severity.Error && f.WaivedBy is null).ToString(CultureInfo.InvariantCulture);
        var skipped = report.Findings.Count(f => f.WaivedBy is not null).ToString(CultureInfo.InvariantCulture);
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CheckCharacters = false };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "runtasks");
            xml.WriteAttributeString("tests", tests);
            xml.WriteAttributeString("failures", failures);
            xml.WriteAttributeString("errors", "0");
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", "runtasks check " + planPath);
            xml.WriteAttributeString("tests", tests);
            xml.WriteAttributeString("failures", failures);
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", skipped);
            foreach (var finding in report.Findings)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", "runtasks." + finding.RuleId);
                xml.WriteAttributeString("name", Clean(finding.Description));
                if (finding.WaivedBy is { } waiver)
                {
                    xml.WriteStartElement("skipped");
                    xml.WriteAttributeString("message", Clean($"Waived by {waiver.Id} until {waiver.ExpiresText}: {waiver.Reason} (owner {waiver.Owner}, approved by {waiver.ApprovedBy})"));
                    xml.WriteEndElement();
                    xml.WriteElementString("system-out", Clean($"{finding.Severity.ToString().ToUpperInvariant()} (waived): {finding.MarkdownBody}"));
                }
                else if (finding.Severity == Severity.Error)
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", Clean(finding.Description));
                    xml.WriteAttributeString("type", finding.RuleId);
                    xml.WriteString(Clean(finding.MarkdownBody));
                    xml.WriteEndElement();
                }
                else
                {
                    xml.WriteElementString("system-out", Clean($"{finding.Severity.ToString().ToUpperInvariant()}: {finding.MarkdownBody}"));
                }

                xml.WriteEndElement();
            }

            foreach (var rule in quiet)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", "runtasks." + rule.Id);
                xml.WriteAttributeString("name", $"{rule.Title}: no findings");
                xml.WriteEndElement();
            }

            xml.WriteElementString("system-out", Clean((report.Passed ? "PASSED: " : "FAILED: ") + report.Message));
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    // XML 1.0 cannot carry most control characters, which plan text may contain; they and bidirectional controls are shown as escapes.
    private static string Clean(string text) => VisibleText.Escape(text);
}

using System.Buffers;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using RunTasks.Analysis.Rules;

namespace RunTasks.Cli.Output;

/// <summary>
/// Writes a report as SARIF 2.1.0 for GitHub code scanning, GitLab and other viewers: one run, the rules with their
/// help, and one result per finding located in the plan file and at the resource address (a logical location).
/// Invisible bidirectional and control characters from the plan are shown as escapes (<see cref="VisibleText"/>).
/// A waived finding stays a result, with a <c>suppressions</c> entry (kind external, status accepted, the waiver's reason).
/// </summary>
public static class SarifWriter
{
    public const string SchemaUri =
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    private const string InformationUri = "https://github.com/runtasks/runtasks";

    public static string Write(AnalysisReport report, string planPath, IEnumerable<string> enabledRules)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(planPath);
        ArgumentNullException.ThrowIfNull(enabledRules);
        var rules = RuleList.For(report, enabledRules);
        var index = rules.Select((rule, i) => (rule.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, rules);
            json.WriteStartArray("artifacts");
            json.WriteStartObject();
            json.WriteStartObject("location");
            json.WriteString("uri", ArtifactUri(planPath));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("invocations");
            json.WriteStartObject();
            json.WriteBoolean("executionSuccessful", true);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("results");
            foreach (var finding in report.Findings)
            {
                WriteResult(json, finding, index[finding.RuleId], ArtifactUri(planPath));
            }

            json.WriteEndArray();
            json.WriteStartObject("properties");
            json.WriteString("verdict", report.Passed ? "passed" : "failed");
            json.WriteString("message", VisibleText.Escape(report.Message));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteTool(Utf8JsonWriter json, List<RuleDescriptor> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "runtasks");
        json.WriteString("informationUri", InformationUri);
        json.WriteString("semanticVersion", Version());
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Id);
            Text(json, "shortDescription", rule.Title);
            Text(json, "fullDescription", rule.Description);
            json.WriteStartObject("help");
            json.WriteString("text", $"{rule.Title}: {rule.Description} Configure it under rules.{rule.Id} (built-in) or custom_rules (custom) of a policy set; see docs/policies.md.");
            json.WriteString("markdown", $"**{rule.Title}**\n\n{rule.Description}\n\nConfigure it in a policy set (`rules.{rule.Id}` for built-in rules); see `docs/policies.md`.");
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding, int ruleIndex, string artifactUri)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(finding.Severity));
        json.WriteStartObject("message");
        // The engine escapes plan-derived text; escaping again here keeps a report built elsewhere just as harmless.
        json.WriteString("text", VisibleText.Escape(finding.Description));
        json.WriteString("markdown", VisibleText.Escape(finding.MarkdownBody));
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", artifactUri);
        json.WriteNumber("index", 0);
        json.WriteEndObject();

        // Plans from `terraform show -json` are one line; the resource itself is the logical location below.
        json.WriteStartObject("region");
        json.WriteNumber("startLine", 1);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("name", VisibleText.Escape(finding.Address));
        json.WriteString("fullyQualifiedName", VisibleText.Escape(finding.Address));
        json.WriteString("kind", "resource");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();

        // Stable across runs, so code scanning matches an alert to the same finding instead of opening a new one.
        json.WriteStartObject("partialFingerprints");
        json.WriteString("runtasksFinding/v1", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{finding.RuleId}\n{finding.Address}\n{finding.Description}"))));
        json.WriteEndObject();
        if (finding.WaivedBy is { } waiver)
        {
            WriteSuppression(json, waiver);
        }

        json.WriteEndObject();
    }

    private static void WriteSuppression(Utf8JsonWriter json, Waiver waiver)
    {
        json.WriteStartArray("suppressions");
        json.WriteStartObject();
        json.WriteString("kind", "external");
        json.WriteString("status", "accepted");
        json.WriteString("justification", VisibleText.Escape(waiver.Reason));
        json.WriteStartObject("properties");
        json.WriteString("waiver", VisibleText.Escape(waiver.Id));
        json.WriteString("owner", VisibleText.Escape(waiver.Owner));
        json.WriteString("approvedBy", VisibleText.Escape(waiver.ApprovedBy));
        json.WriteString("expires", waiver.Expires);
        if (waiver.Ticket is { } ticket)
        {
            json.WriteString("ticket", VisibleText.Escape(ticket));
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void Text(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    // Relative paths stay relative (code scanning resolves them against the repository); absolute ones become file URIs.
    private static string ArtifactUri(string planPath) =>
        Path.IsPathRooted(planPath) ? new Uri(Path.GetFullPath(planPath)).AbsoluteUri : planPath.Replace('\\', '/');

    private static string Version()
    {
        var version = typeof(SarifWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using RunTasks.Analysis.Rules;

namespace RunTasks.Cli;

/// <summary>
/// <c>runtasks baseline PLAN.json --policy DIR --organization O --workspace W --owner … --approved-by … --reason … --expires DATE</c>:
/// writes one waiver per open error finding of the plan, keyed by organisation, workspace, full address and rule (never by
/// address alone), as YAML to commit next to the policies. Exit 0 written, 2 usage or policy error.
/// </summary>
internal static class BaselineCommand
{
    public static readonly string[] Options = ["policy", "organization", "project", "workspace", "stage", "owner", "approved-by", "reason", "expires", "ticket", "output", "now"];

    private static readonly string[] Required = ["policy", "organization", "workspace", "owner", "approved-by", "reason", "expires"];

    public static async Task<int> RunAsync(CommandLine command, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (Required.Where(key => !command.Values.ContainsKey(key)).ToList() is { Count: > 0 } missing)
        {
            return await FailAsync(error, $"baseline needs {string.Join(", ", missing.Select(k => "--" + k))} (a waiver always has an owner, an approver, a reason and an expiry, scoped to one organisation and workspace)");
        }

        if (!WaiversCommand.TryNow(command, out var now))
        {
            return await FailAsync(error, "--now must be a date or an RFC 3339 time");
        }

        var v = command.Values;
        if (Waiver.ParseExpiry(v["expires"]) is not { } expiresAt || expiresAt <= now || expiresAt - now > WaiverOptions.Default.MaxDuration)
        {
            return await FailAsync(error, $"--expires must be a date such as 2027-03-31 or an RFC 3339 time, in the future and at most {WaiverOptions.Default.MaxDuration.TotalDays:0} days ahead (got '{v["expires"]}')");
        }

        var stage = RunStages.Normalize(v.GetValueOrDefault("stage", RunStages.All[1]));
        if (stage is null || !File.Exists(command.Argument))
        {
            return await FailAsync(error, stage is null ? $"unknown stage '{v["stage"]}'" : $"plan file not found: {command.Argument}");
        }

        PolicyDirectoryContents contents;
        try
        {
            contents = PolicyDirectoryProvider.LoadAll(v["policy"], WaiverOptions.Default, now);
        }
        catch (PolicyLoadException exception)
        {
            return await FailAsync(error, $"cannot load the policy sets: {exception.Message}");
        }

        var scope = new EvaluationScope(v["organization"], v.GetValueOrDefault("project"), v["workspace"], stage);
        AnalysisReport report;
        await using (var stream = File.OpenRead(command.Argument))
        {
            report = await new PlanAnalyzer(new StaticPolicyProvider(contents), AnalysisLimits.Default, new Testing.PinnedTimeProvider(now), WaiverOptions.Default)
                .AnalyzeAsync(stream, scope, cancellationToken);
        }

        if (report.Findings.FirstOrDefault(f => RuleCatalog.EngineFindingIds.Contains(f.RuleId)) is { } notChecked)
        {
            return await FailAsync(error, $"the plan could not be fully checked, so it is no baseline ({notChecked.RuleId}: {notChecked.Description})");
        }

        var errors = report.Findings.Where(f => f.Severity == Severity.Error && f.WaivedBy is null && f.RuleId != "plan_errored")
            .DistinctBy(f => (f.RuleId, f.Address)).ToList();
        var yaml = Yaml(errors, command, scope, now);
        if (v.TryGetValue("output", out var path))
        {
            await File.WriteAllTextAsync(path, yaml, cancellationToken);
        }
        else
        {
            await output.WriteAsync(yaml);
        }

        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"runtasks: {errors.Count} waiver(s) for the open error findings of {Path.GetFileName(command.Argument)} in {scope.Organization}/{scope.Workspace}{(path is null ? "" : " written to " + path)}; commit them next to the policies after review."));
        return CliApplication.Passed;
    }

    private static string Yaml(List<Finding> findings, CommandLine command, EvaluationScope scope, DateTimeOffset now)
    {
        var v = command.Values;
        var yaml = new StringBuilder()
            .Append("# Baseline of ").Append(Path.GetFileName(command.Argument)).Append(" for ").Append(scope.Organization).Append('/').Append(scope.Workspace)
            .Append(", written by `runtasks baseline` on ").Append(now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(": one waiver per error finding.\n")
            .Append(findings.Count == 0 ? "waivers: []\n" : "waivers:\n");
        foreach (var finding in findings)
        {
            yaml.Append("  - id: ").Append(Id(scope, finding)).Append('\n')
                .Append("    rule: ").Append(Quote(finding.RuleId)).Append('\n')
                .Append("    resources: [").Append(Quote(finding.Address)).Append("]\n")
                .Append("    organizations: [").Append(Quote(scope.Organization!)).Append("]\n");
            if (scope.Project is { } project)
            {
                yaml.Append("    projects: [").Append(Quote(project)).Append("]\n");
            }

            yaml.Append("    workspaces: [").Append(Quote(scope.Workspace!)).Append("]\n")
                .Append("    reason: ").Append(Quote(v["reason"])).Append('\n')
                .Append("    owner: ").Append(Quote(v["owner"])).Append('\n')
                .Append("    approved_by: ").Append(Quote(v["approved-by"])).Append('\n');
            if (v.TryGetValue("ticket", out var ticket))
            {
                yaml.Append("    ticket: ").Append(Quote(ticket)).Append('\n');
            }

            yaml.Append("    expires: ").Append(Quote(v["expires"])).Append('\n');
        }

        return yaml.ToString();
    }

    // Stable for the same organisation, workspace, rule and address, so a second baseline of the same plan names the same waivers.
    private static string Id(EvaluationScope scope, Finding finding) =>
        "BL-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{scope.Organization}\n{scope.Workspace}\n{finding.RuleId}\n{finding.Address}")))[..12];

    // A single-quoted YAML scalar takes any text on one line; only the quote itself doubles.
    private static string Quote(string text) => "'" + VisibleText.Escape(text).Replace("'", "''", StringComparison.Ordinal) + "'";

    private static async Task<int> FailAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync($"runtasks: {problem}");
        return CliApplication.UsageError;
    }
}

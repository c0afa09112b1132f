using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using RunTasks.Cli.Output;
using RunTasks.PlanGenerator;

namespace RunTasks.Cli;

/// <summary>
/// <c>runtasks check PLAN.json [--policy DIR] [--format text|json|sarif|junit] [--workspace NAME] [--organization NAME] [--project NAME] [--stage STAGE] [--require-policy]</c>,
/// <c>runtasks test DIR</c> and <c>runtasks generate OUT.json --resources N</c>. Exit codes: 0 passed, 1 failed, 2 usage or policy error.
/// </summary>
public static class CliApplication
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private static readonly string[] Formats = ["text", "json", "sarif", "junit"];
    private static readonly string[] CheckOptions = ["policy", "format", "organization", "project", "workspace", "stage"];
    private static readonly string[] CheckFlags = ["require-policy"];
    private static readonly string[] GenerateOptions = ["resources", "seed"];

    private const string Usage = """
        Usage:
          runtasks check PLAN.json [--policy DIR] [--format text|json|sarif|junit]
                                   [--organization NAME] [--project NAME] [--workspace NAME] [--stage STAGE]
                                   [--require-policy]
          runtasks check-config DIR|ARCHIVE.tar.gz [check's options] [--working-directory PATH]
          runtasks test DIR
          runtasks waivers DIR [--plans PLANS_DIR] [--now TIME]
          runtasks baseline PLAN.json --policy DIR --organization O --workspace W --owner WHO --approved-by WHO
                                      --reason TEXT --expires DATE [--project P] [--stage STAGE] [--ticket URL] [--output FILE]
          runtasks generate OUT.json --resources N [--seed N]
          runtasks --help

        check     analyses the output of `terraform show -json PLANFILE` with the policy sets in DIR (the built-in
                  defaults without --policy; a DIR that is missing or holds no *.yaml/*.yml file is an error).
                  Sets are chosen by --organization, --project, --workspace and --stage (pre_plan, post_plan, pre_apply,
                  post_apply; TFE's post-plan spellings too; default post_plan), as HCP Terraform would send them.
                  --require-policy: exit 2 when no policy set applies (for CI), instead of passing with a warning.
                  --format sarif writes SARIF 2.1.0 (GitHub code scanning, GitLab), --format junit JUnit XML.
                  Exit code 0 passed, 1 failed, 2 usage or policy error.
        check-config  checks a configuration directory or configuration version (.tar.gz) for unpinned modules and
                  providers and hard-coded secrets, without extracting it (--stage defaults to pre_plan).
        test      runs the policy sets in DIR against the cases in DIR/tests (docs/policies.md). Exit code 0 all pass,
                  1 any mismatch, 2 usage, policy or case-file error.
        waivers   lists every waiver in DIR with its state (live, expiring in N days, expired) and, with --plans, whether
                  it matched a finding in any plan there. Exit code 0 all live, 1 any expired or the directory malformed.
        baseline  writes one waiver per open error finding of the plan (keyed by organisation, workspace, full address
                  and rule) as YAML to commit next to the policies, to adopt RunTasks without fixing old findings first.
        generate  writes a synthetic but realistic plan with N resource changes, for benchmarks and load tests.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is ["help"] || (args is [.., _] && CommandLine.AsksForHelp(args)))
        {
            await output.WriteLineAsync(args[0] switch { "test" => PolicyTestCommand.Usage, "check-config" => ConfigCheckCommand.Usage, _ => Usage });
            return Passed;
        }

        switch (args)
        {
            case ["test", ..]:
                return await PolicyTestCommand.RunAsync(args[1..], output, error, cancellationToken);
            case ["check-config", ..]:
                return await ConfigCheckCommand.RunAsync(args[1..], output, error, cancellationToken);
            case ["check", ..]:
                return CommandLine.Parse(args[1..], CheckOptions, CheckFlags, out var checkProblem) is { } check
                    ? await CheckAsync(check, output, error, cancellationToken)
                    : await UsageAsync(error, checkProblem);
            case ["waivers", ..]:
                return CommandLine.Parse(args[1..], WaiversCommand.Options, [], out var waiversProblem) is { } waivers
                    ? await WaiversCommand.RunAsync(waivers, output, error, cancellationToken)
                    : await UsageAsync(error, waiversProblem);
            case ["baseline", ..]:
                return CommandLine.Parse(args[1..], BaselineCommand.Options, [], out var baselineProblem) is { } baseline
                    ? await BaselineCommand.RunAsync(baseline, output, error, cancellationToken)
                    : await UsageAsync(error, baselineProblem);
            case ["generate", ..]:
                return CommandLine.Parse(args[1..], GenerateOptions, [], out var generateProblem) is { } generate
                    ? await GenerateAsync(generate, output, error, cancellationToken)
                    : await UsageAsync(error, generateProblem);
            case []:
                return await UsageAsync(error, null);
            default:
                return await UsageAsync(error, $"unknown command '{args[0]}' (commands: check, check-config, test, waivers, baseline, generate)");
        }
    }

    private static async Task<int> UsageAsync(TextWriter error, string? problem)
    {
        if (problem is not null)
        {
            await error.WriteLineAsync($"runtasks: {problem}");
            await error.WriteLineAsync();
        }

        await error.WriteLineAsync(Usage);
        return UsageError;
    }

    private static async Task<int> ErrorAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync($"runtasks: {problem}");
        return UsageError;
    }

    private static async Task<int> CheckAsync(CommandLine command, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var planPath = command.Argument;
        var format = command.Values.GetValueOrDefault("format", "text");
        if (!Formats.Contains(format))
        {
            return await ErrorAsync(error, $"unknown format '{format}' (use {string.Join(", ", Formats)})");
        }

        var stage = RunStages.Normalize(command.Values.GetValueOrDefault("stage", RunStages.All[1]));
        if (stage is null)
        {
            return await ErrorAsync(error, $"unknown stage '{command.Values["stage"]}' (use {string.Join(", ", RunStages.All)}; post-plan and the other hyphenated spellings mean the same)");
        }

        if (!File.Exists(planPath))
        {
            return await ErrorAsync(error, $"plan file not found: {planPath}");
        }

        IPolicyProvider policies;
        try
        {
            policies = command.Values.TryGetValue("policy", out var directory)
                ? new StaticPolicyProvider(PolicyDirectoryProvider.LoadAll(directory, WaiverOptions.Default, TimeProvider.System.GetUtcNow()))
                : DefaultPolicies.Provider;
        }
        catch (PolicyLoadException exception)
        {
            return await ErrorAsync(error, $"cannot load the policy sets: {exception.Message}");
        }

        var scope = new EvaluationScope(
            command.Values.GetValueOrDefault("organization"),
            command.Values.GetValueOrDefault("project"),
            command.Values.GetValueOrDefault("workspace"),
            stage);
        var applying = policies.For(scope);
        if (applying.Count == 0)
        {
            var why = PolicySet.WhyNoneApplies(policies.Sets, scope);
            if (command.Flags.Contains("require-policy"))
            {
                return await ErrorAsync(error, $"{why}. Give --organization, --project, --workspace and --stage as HCP Terraform sends them, or widen the sets' scope.");
            }

            await error.WriteLineAsync($"runtasks: warning: {why}; nothing was checked (--require-policy makes this an error).");
        }

        AnalysisReport report;
        await using (var stream = new FileStream(planPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            report = await new PlanAnalyzer(policies, AnalysisLimits.Default, TimeProvider.System, WaiverOptions.Default).AnalyzeAsync(stream, scope, cancellationToken);
        }

        var enabledRules = applying.SelectMany(set => set.EnabledRules);
        switch (format)
        {
            case "json":
                await output.WriteLineAsync(JsonSerializer.Serialize(report, JsonOptions));
                break;
            case "sarif":
                await output.WriteLineAsync(SarifWriter.Write(report, planPath, enabledRules));
                break;
            case "junit":
                await output.WriteLineAsync(JUnitWriter.Write(report, planPath, enabledRules));
                break;
            default:
                await WriteTextAsync(report, output);
                break;
        }

        return report.Passed ? Passed : Failed;
    }

    private static async Task WriteTextAsync(AnalysisReport report, TextWriter output)
    {
        var summary = report.Summary;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Plan: {summary.Create} to create, {summary.Update} to update, {summary.Replace} to replace, {summary.Delete} to destroy, {summary.Read} to read (format {summary.FormatVersion ?? "?"}, Terraform {summary.TerraformVersion ?? "?"})"));
        await output.WriteLineAsync();
        foreach (var finding in report.Findings)
        {
            var label = finding.Severity switch
            {
                _ when finding.WaivedBy is not null => "WAIVED ",
                Severity.Error => "ERROR  ",
                Severity.Warning => "WARNING",
                _ => "INFO   ",
            };
            await output.WriteLineAsync($"{label} [{finding.RuleId}] {finding.Description}");
            if (finding.WaivedBy is { } waiver)
            {
                await output.WriteLineAsync(VisibleText.Escape($"        waived by {waiver.Id} until {waiver.ExpiresText} ({finding.Severity.ToString().ToLowerInvariant()}): {waiver.Reason} Owner {waiver.Owner}, approved by {waiver.ApprovedBy}{(waiver.Ticket is null ? string.Empty : ", " + waiver.Ticket)}"));
            }
        }

        if (report.Findings.Count > 0)
        {
            await output.WriteLineAsync();
        }

        await output.WriteLineAsync((report.Passed ? "PASSED: " : "FAILED: ") + report.Message);
    }

    private static async Task<int> GenerateAsync(CommandLine command, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var outPath = command.Argument;
        if (!command.Values.TryGetValue("resources", out var countText) || !int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            return await UsageAsync(error, "--resources needs a positive whole number");
        }

        var seed = command.Values.TryGetValue("seed", out var seedText) && int.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 42;
        await using (var stream = File.Create(outPath))
        {
            await SyntheticPlan.WriteAsync(stream, new SyntheticPlanOptions(count, seed), cancellationToken);
        }

        await output.WriteLineAsync($"Wrote {count} resource changes to {outPath} ({new FileInfo(outPath).Length / 1024 / 1024.0:F1} MB)");
        return Passed;
    }
}

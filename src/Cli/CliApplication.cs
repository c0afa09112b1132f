using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RunTasks.Analysis;
using RunTasks.Analysis.Plans;
using RunTasks.Cli.Output;
using RunTasks.PlanGenerator;

namespace RunTasks.Cli;

/// <summary>
/// <c>runtasks check PLAN.json [--policy DIR] [--format text|json|sarif|junit] [--workspace NAME] [--organization NAME] [--project NAME] [--stage STAGE]</c>
/// and <c>runtasks generate OUT.json --resources N</c>. Exit codes: 0 passed, 1 failed, 2 usage error.
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

    private const string Usage = """
        Usage:
          runtasks check PLAN.json [--policy DIR] [--format text|json|sarif|junit]
                                   [--organization NAME] [--project NAME] [--workspace NAME] [--stage STAGE]
          runtasks generate OUT.json --resources N [--seed N]
          runtasks test DIR

        check     analyses the output of `terraform show -json PLANFILE` with the policy sets in DIR
                  (the built-in defaults when DIR is not given or missing). Exit code 0 passed, 1 failed, 2 usage error.
                  --format sarif writes SARIF 2.1.0 (GitHub code scanning, GitLab), --format junit JUnit XML.
        generate  writes a synthetic but realistic plan with N resource changes, for benchmarks and load tests.
        test      runs the policy sets in DIR against the cases in DIR/tests (docs/policies.md). Exit code 0 all pass, 1 any mismatch.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is ["test", ..])
        {
            return await PolicyTestCommand.RunAsync(args[1..], output, error, cancellationToken);
        }

        if (args.Length < 2 || Options(args) is not { } options)
        {
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        return args[0] switch
        {
            "check" => await CheckAsync(args[1], options, output, error, cancellationToken),
            "generate" => await GenerateAsync(args[1], options, output, error, cancellationToken),
            _ => await UsageAsync(error),
        };
    }

    private static async Task<int> UsageAsync(TextWriter error)
    {
        await error.WriteLineAsync(Usage);
        return UsageError;
    }

    /// <summary>The --name value pairs after the command and its argument, or null when they are malformed.</summary>
    private static Dictionary<string, string>? Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 2; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                return null;
            }

            options[args[i][2..]] = args[++i];
        }

        return options;
    }

    private static async Task<int> CheckAsync(string planPath, Dictionary<string, string> options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var format = options.GetValueOrDefault("format", "text");
        if (format is not ("text" or "json" or "sarif" or "junit") || options.Keys.Except(["policy", "format", "organization", "project", "workspace", "stage"]).Any())
        {
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        if (!File.Exists(planPath))
        {
            await error.WriteLineAsync($"Plan file not found: {planPath}");
            return UsageError;
        }

        IPolicyProvider policies;
        try
        {
            policies = options.TryGetValue("policy", out var directory)
                ? new StaticPolicyProvider(PolicyDirectoryProvider.Load(directory))
                : DefaultPolicies.Provider;
        }
        catch (PolicyLoadException exception)
        {
            await error.WriteLineAsync($"Invalid policy: {exception.Message}");
            return UsageError;
        }

        var scope = new EvaluationScope(
            options.GetValueOrDefault("organization"),
            options.GetValueOrDefault("project"),
            options.GetValueOrDefault("workspace"),
            options.GetValueOrDefault("stage", "post_plan"));
        AnalysisReport report;
        await using (var stream = new FileStream(planPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            report = await new PlanAnalyzer(policies).AnalyzeAsync(stream, scope, cancellationToken);
        }

        var enabledRules = policies.For(scope).SelectMany(set => set.EnabledRules);
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
                Severity.Error => "ERROR  ",
                Severity.Warning => "WARNING",
                _ => "INFO   ",
            };
            await output.WriteLineAsync($"{label} [{finding.RuleId}] {finding.Description}");
        }

        if (report.Findings.Count > 0)
        {
            await output.WriteLineAsync();
        }

        await output.WriteLineAsync((report.Passed ? "PASSED: " : "FAILED: ") + report.Message);
    }

    private static async Task<int> GenerateAsync(string outPath, Dictionary<string, string> options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!options.TryGetValue("resources", out var countText) || !int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0
            || options.Keys.Except(["resources", "seed"]).Any())
        {
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        var seed = options.TryGetValue("seed", out var seedText) && int.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 42;
        await using (var stream = File.Create(outPath))
        {
            await SyntheticPlan.WriteAsync(stream, new SyntheticPlanOptions(count, seed), cancellationToken);
        }

        await output.WriteLineAsync($"Wrote {count} resource changes to {outPath} ({new FileInfo(outPath).Length / 1024 / 1024.0:F1} MB)");
        return Passed;
    }
}

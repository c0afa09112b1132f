using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using RunTasks.Analysis.Configuration;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using RunTasks.Cli.Output;

namespace RunTasks.Cli;

/// <summary>
/// <c>runtasks check-config DIR|ARCHIVE.tar.gz</c>: the pre_plan checks (module and provider pinning, hard-coded secrets)
/// on a configuration directory or a configuration version archive, with <c>check</c>'s options, formats and exit codes.
/// </summary>
public static partial class ConfigCheckCommand
{
    public const string Usage = """
        Usage: runtasks check-config DIR|ARCHIVE.tar.gz [--policy DIR] [--format text|json|sarif|junit]
                                     [--organization NAME] [--project NAME] [--workspace NAME] [--stage STAGE]
                                     [--working-directory PATH] [--require-policy]

        Checks a Terraform configuration (a directory, or the .tar.gz HCP Terraform stores as a configuration version)
        with the configuration rules of the policy sets: module_pinning, provider_pinning and hardcoded_secrets, and
        credential formats in every text file. The archive is read in memory: nothing is extracted or executed.
        --stage defaults to pre_plan; --working-directory names the root module's folder (workspace_working_directory).
        Exit code 0 passed, 1 failed, 2 usage, policy or archive error.
        """;

    private static readonly string[] Formats = ["text", "json", "sarif", "junit"];
    private static readonly string[] Options = ["policy", "format", "organization", "project", "workspace", "stage", "working-directory"];
    private static readonly string[] Flags = ["require-policy"];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (CommandLine.Parse(args, Options, Flags, out var problem) is not { } command)
        {
            return await FailAsync(error, $"{problem}\n\n{Usage}");
        }

        var format = command.Values.GetValueOrDefault("format", "text");
        if (!Formats.Contains(format))
        {
            return await FailAsync(error, $"unknown format '{format}' (use {string.Join(", ", Formats)})");
        }

        var stage = RunStages.Normalize(command.Values.GetValueOrDefault("stage", RunStages.All[0]));
        if (stage is null)
        {
            return await FailAsync(error, $"unknown stage '{command.Values["stage"]}' (use {string.Join(", ", RunStages.All)})");
        }

        var path = command.Argument;
        var isDirectory = Directory.Exists(path);
        if (!isDirectory && !File.Exists(path))
        {
            return await FailAsync(error, $"configuration not found: {path} (give a directory or a .tar.gz archive)");
        }

        IPolicyProvider policies;
        try
        {
            policies = command.Values.TryGetValue("policy", out var directory)
                ? new StaticPolicyProvider(PolicyDirectoryProvider.Load(directory))
                : DefaultPolicies.Provider;
        }
        catch (PolicyLoadException exception)
        {
            return await FailAsync(error, $"cannot load the policy sets: {exception.Message}");
        }

        var scope = new EvaluationScope(command.Values.GetValueOrDefault("organization"), command.Values.GetValueOrDefault("project"), command.Values.GetValueOrDefault("workspace"), stage);
        var applying = policies.For(scope);
        if (applying.Count == 0)
        {
            var why = PolicySet.WhyNoneApplies(policies.Sets, scope);
            if (command.Flags.Contains("require-policy"))
            {
                return await FailAsync(error, $"{why}. Give --organization, --project, --workspace and --stage as HCP Terraform sends them, or widen the sets' scope.");
            }

            await error.WriteLineAsync($"runtasks: warning: {why}; nothing was checked (--require-policy makes this an error).");
        }

        var analyzer = new ConfigurationAnalyzer(policies);
        var workingDirectory = command.Values.GetValueOrDefault("working-directory");
        AnalysisReport report;
        try
        {
            if (isDirectory)
            {
                report = await analyzer.AnalyzeDirectoryAsync(path, scope, workingDirectory, cancellationToken);
            }
            else
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
                report = await analyzer.AnalyzeArchiveAsync(stream, scope, workingDirectory, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return await FailAsync(error, $"cannot read {path}: {exception.Message} (a truncated archive: download it again)");
        }

        var enabledRules = applying.SelectMany(set => set.EnabledRules);
        switch (format)
        {
            case "json":
                await output.WriteLineAsync(JsonSerializer.Serialize(report, JsonOptions));
                break;
            case "sarif":
                await output.WriteLineAsync(WithFileLocations(SarifWriter.Write(report, path, enabledRules), report, path, isDirectory));
                break;
            case "junit":
                await output.WriteLineAsync(JUnitWriter.Write(report, path, enabledRules));
                break;
            default:
                await WriteTextAsync(report, output);
                break;
        }

        return report.Passed ? CliApplication.Passed : CliApplication.Failed;
    }

    /// <summary>
    /// Points each SARIF result whose finding is at <c>file:line</c> to that file and line (inside DIR, or the archive's
    /// own path for an archive), so code scanning annotates the line that holds the problem.
    /// </summary>
    internal static string WithFileLocations(string sarif, AnalysisReport report, string path, bool isDirectory)
    {
        var document = JsonNode.Parse(sarif)!;
        var results = document["runs"]![0]!["results"]!.AsArray();
        for (var i = 0; i < results.Count && i < report.Findings.Count; i++)
        {
            if (FileLine().Match(report.Findings[i].Address) is not { Success: true } match)
            {
                continue;
            }

            var physical = results[i]!["locations"]![0]!["physicalLocation"]!;
            var file = match.Groups["file"].Value;
            // Inside an archive the file has no path on disk: its path within the archive is the best a viewer can show.
            physical["artifactLocation"] = new JsonObject { ["uri"] = isDirectory ? Path.Join(path, file).Replace('\\', '/') : file };
            physical["region"] = new JsonObject { ["startLine"] = int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) };
        }

        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static async Task WriteTextAsync(AnalysisReport report, TextWriter output)
    {
        foreach (var finding in report.Findings)
        {
            var label = finding.Severity switch
            {
                Severity.Error => "ERROR  ",
                Severity.Warning => "WARNING",
                _ => "INFO   ",
            };
            await output.WriteLineAsync($"{label} [{finding.RuleId}] {finding.Address}: {finding.Description}");
        }

        if (report.Findings.Count > 0)
        {
            await output.WriteLineAsync();
        }

        await output.WriteLineAsync((report.Passed ? "PASSED: " : "FAILED: ") + report.Message);
    }

    private static async Task<int> FailAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync($"runtasks: {problem}");
        return CliApplication.UsageError;
    }

    [GeneratedRegex(@"^(?<file>[^:]+):(?<line>[0-9]{1,9})$", RegexOptions.CultureInvariant)]
    private static partial Regex FileLine();
}

using System.Text;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using RunTasks.Analysis.Rules.HardcodedSecrets;
using RunTasks.Analysis.Rules.Pinning;

namespace RunTasks.Analysis.Configuration;

/// <summary>
/// Judges a configuration version (the <c>.tar.gz</c> HCP Terraform serves, or a directory) with the configuration rules
/// of the policy sets that apply: module_pinning, provider_pinning and hardcoded_secrets, plus credential formats in every
/// text file. Thread-safe; memory stays bounded by <see cref="ConfigurationLimits"/>.
/// </summary>
public sealed class ConfigurationAnalyzer
{
    private static readonly HashSet<string> RuleIds = new(StringComparer.Ordinal)
    {
        ModulePinningRule.BuiltIn.Id,
        ProviderPinningRule.BuiltIn.Id,
        HardcodedSecretsRule.BuiltIn.Id,
    };

    private static readonly string[] SkippedDirectories = [".git", ".terraform"];

    private readonly IPolicyProvider _policies;
    private readonly ConfigurationLimits _limits;

    public ConfigurationAnalyzer(IPolicyProvider policies)
        : this(policies, ConfigurationLimits.Default)
    {
    }

    public ConfigurationAnalyzer(IPolicyProvider policies, ConfigurationLimits limits)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(limits);
        _policies = policies;
        _limits = limits;
    }

    /// <summary>
    /// Checks a <c>.tar.gz</c> configuration version read from <paramref name="archive"/>. A limit passed, or bytes that
    /// are not a tar.gz, give a failed report saying why. What the stream throws (an <see cref="IOException"/> from a cut
    /// download, or an <see cref="EndOfStreamException"/> from a truncated archive) escapes so the caller can download again.
    /// </summary>
    /// <param name="workingDirectory">The workspace's working directory (<c>workspace_working_directory</c>): the root module's folder in the archive.</param>
    public async Task<AnalysisReport> AnalyzeArchiveAsync(Stream archive, EvaluationScope scope, string? workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(scope);
        var facts = new PlanFacts { Stage = RunStages.Normalize(scope.Stage) };
        var reader = new ConfigurationFileReader(facts.Configuration, Root(workingDirectory));
        var problems = new List<ArchiveProblem>();
        var files = 0;
        try
        {
            await ConfigurationArchiveReader.ReadAsync(
                archive,
                _limits,
                file =>
                {
                    files++;
                    reader.Read(file.Path, file.Text);
                },
                problems.Add,
                cancellationToken);
        }
        catch (ConfigurationLimitException exception)
        {
            return Unreadable(exception.Message);
        }
        catch (InvalidDataException exception)
        {
            return Unreadable($"The configuration version is not a readable .tar.gz ({exception.Message})");
        }

        return Evaluate(scope, facts, problems, files);
    }

    /// <summary>Checks a configuration in a local directory, as <see cref="AnalyzeArchiveAsync"/> checks an archive; links are reported, not followed.</summary>
    public async Task<AnalysisReport> AnalyzeDirectoryAsync(string directory, EvaluationScope scope, string? workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(scope);
        var facts = new PlanFacts { Stage = RunStages.Normalize(scope.Stage) };
        var reader = new ConfigurationFileReader(facts.Configuration, Root(workingDirectory));
        var problems = new List<ArchiveProblem>();
        var files = 0;
        var entries = 0;
        long total = 0;
        var root = new DirectoryInfo(directory);
        var pending = new Stack<DirectoryInfo>([root]);
        while (pending.TryPop(out var current))
        {
            foreach (var info in current.EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (++entries > _limits.MaxEntries)
                {
                    return Unreadable($"The configuration directory holds more than {_limits.MaxEntries:N0} entries; it was not read further.");
                }

                var name = Path.GetRelativePath(root.FullName, info.FullName).Replace('\\', '/');
                if (info.LinkTarget is { } target)
                {
                    problems.Add(new ArchiveProblem(name, $"is a link to '{target}'; links are not followed", Severity.Info));
                }
                else if (info is DirectoryInfo sub)
                {
                    if (!SkippedDirectories.Contains(sub.Name, StringComparer.Ordinal))
                    {
                        pending.Push(sub);
                    }
                }
                else if (info is FileInfo file)
                {
                    if (file.Length > _limits.MaxFileBytes)
                    {
                        problems.Add(new ArchiveProblem(name, $"is larger than {_limits.MaxFileBytes / (1024 * 1024)} MiB and was not checked", Severity.Info));
                        continue;
                    }

                    total += file.Length;
                    if (total > _limits.MaxExpandedBytes)
                    {
                        return Unreadable($"The configuration directory holds more than {_limits.MaxExpandedBytes / (1024 * 1024)} MiB; it was not read further.");
                    }

                    if (ConfigurationArchiveReader.Text(await File.ReadAllBytesAsync(file.FullName, cancellationToken)) is { } text)
                    {
                        files++;
                        reader.Read(name, text);
                    }
                }
            }
        }

        return Evaluate(scope, facts, problems, files);
    }

    private static string Root(string? workingDirectory) =>
        ConfigurationArchiveReader.Normalize((workingDirectory ?? string.Empty).Trim().Trim('/'));

    private AnalysisReport Evaluate(EvaluationScope scope, PlanFacts facts, List<ArchiveProblem> problems, int files)
    {
        var collector = new FindingCollector();
        foreach (var problem in problems)
        {
            collector.Add(new Finding(
                ConfigurationFindings.ArchiveEntry.Id,
                problem.Severity,
                problem.Entry,
                FindingText.Line($"Archive entry {problem.Entry} {problem.Reason}"),
                FindingText.Body(
                    $"Archive entry {problem.Entry} was not read",
                    null,
                    null,
                    MarkdownText.Escape($"The entry {problem.Reason}.") + " RunTasks reads configuration versions in "
                        + "memory and never extracts, follows or executes them.",
                    "Remove the entry from the configuration (or add it to `.terraformignore`) and upload the "
                        + "configuration again.")));
        }

        var sets = _policies.For(scope);
        foreach (var set in sets)
        {
            var context = new RuleContext(collector, set.UnknownSeverity, set.SensitiveSeverity, set.JudgeUnchanged);
            foreach (var rule in set.PlanRules.Where(rule => RuleIds.Contains(rule.Id)))
            {
                var severity = set.SeverityOf(rule.Id);
                context.RunningRuleSeverity = severity;
                try
                {
                    rule.Complete(facts, context);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    collector.Add(new Finding(
                        EngineFindings.RuleFailure.Id,
                        severity,
                        "configuration",
                        FindingText.Line($"Rule {rule.Id} could not check the configuration ({exception.GetType().Name})"),
                        FindingText.Body($"Rule {rule.Id} could not check the configuration", null, null,
                            "The configuration was not checked by this rule, so a problem it would report may be "
                                + "present; a rule that cannot judge never passes, so this finding has the rule's "
                                + "own severity.",
                            "Report this configuration shape to the RunTasks maintainers.")));
                }
            }
        }

        var findings = collector.Findings.Select((finding, index) => (finding, index))
            .OrderByDescending(f => f.finding.Severity).ThenBy(f => f.index).Select(f => f.finding).ToList();
        var message = Message(collector, findings, files, sets.Count == 0 ? PolicySet.WhyNoneApplies(_policies.Sets, scope) : null);
        return new AnalysisReport(collector.Errors == 0, message, PlanSummary.Empty, findings, [.. sets.Select(set => set.Name)]);
    }

    private static string Message(FindingCollector collector, List<Finding> findings, int files, string? noneApplies)
    {
        var builder = new StringBuilder();
        if (collector.Errors + collector.Warnings + collector.Infos == 0)
        {
            builder.Append("No findings");
            if (noneApplies is not null)
            {
                builder.Append(" (").Append(noneApplies).Append(')');
            }

            builder.Append(" — ").Append(files).Append(files == 1 ? " file of the configuration checked" : " files of the configuration checked");
        }
        else
        {
            var parts = new List<string>();
            Count(parts, collector.Errors, "error");
            Count(parts, collector.Warnings, "warning");
            Count(parts, collector.Infos, "info");
            builder.AppendJoin(", ", parts).Append(" in the configuration — ");
            var details = findings.Where(f => f.Severity != Severity.Info).Take(20).Select(f => f.Description).ToList();
            builder.AppendJoin("; ", details.Count == 0 ? [$"{files} files checked"] : details);
        }

        return TextLimits.Truncate(builder.ToString(), TextLimits.MaxMessage);
    }

    private static void Count(List<string> parts, int count, string noun)
    {
        if (count > 0)
        {
            parts.Add(count == 1 || noun == "info" ? $"{count} {noun}" : $"{count} {noun}s");
        }
    }

    private static AnalysisReport Unreadable(string reason)
    {
        var message = TextLimits.Truncate(MarkdownText.OneLine("Configuration could not be checked — " + reason), TextLimits.MaxMessage);
        var finding = new Finding(
            ConfigurationFindings.Unreadable.Id,
            Severity.Error,
            "configuration",
            FindingText.Line(reason),
            FindingText.Body(
                "The configuration version could not be checked",
                null,
                null,
                MarkdownText.Escape(reason) + " Without reading the configuration no policy can be checked, so the run "
                    + "is not allowed to pass.",
                "Keep the configuration small (use `.terraformignore` for build output and large files); run `runtasks "
                    + "check-config` locally to reproduce."));
        return new AnalysisReport(false, message, PlanSummary.Empty, [finding]);
    }
}

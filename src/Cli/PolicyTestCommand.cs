using System.Globalization;
using System.Text;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using RunTasks.Analysis.Rules;
using RunTasks.Cli.Testing;

namespace RunTasks.Cli;

/// <summary>
/// <c>runtasks test DIR</c>: loads the policy sets in DIR (as <c>check --policy DIR</c> does) and runs every case under DIR/tests
/// against them, like <c>opa test</c>. One PASS/FAIL line per case, then a summary. Exit 0 all pass, 1 any mismatch, 2 usage,
/// policy or case-file error. Waivers in DIR apply as on the server; a case's <c>now:</c> pins the time they expire by.
/// </summary>
public static class PolicyTestCommand
{
    public const string Usage = "Usage: runtasks test DIR    (policy sets in DIR/*.yaml, test cases in "
        + "DIR/tests/**/*.yaml)";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length != 1 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            await error.WriteLineAsync(Usage);
            return CliApplication.UsageError;
        }

        var directory = args[0];
        var testsDirectory = Path.Combine(directory, "tests");
        if (!Directory.Exists(directory) || !Directory.Exists(testsDirectory))
        {
            await error.WriteLineAsync($"No tests folder: {testsDirectory} does not exist.\n{Usage}");
            return CliApplication.UsageError;
        }

        PolicyDirectoryContents contents;
        IReadOnlyList<PolicyTestCase> cases;
        try
        {
            contents = PolicyDirectoryProvider.LoadAll(directory, WaiverOptions.Default, TimeProvider.System.GetUtcNow());
            cases = PolicyTestCaseReader.ReadDirectory(testsDirectory);
        }
        catch (PolicyLoadException exception)
        {
            await error.WriteLineAsync($"Invalid policy: {exception.Message}");
            return CliApplication.UsageError;
        }
        catch (TestCaseException exception)
        {
            await error.WriteLineAsync($"Invalid test case: {exception.Message}");
            return CliApplication.UsageError;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot read {directory}: {exception.Message}");
            return CliApplication.UsageError;
        }

        if (cases.Count == 0)
        {
            await error.WriteLineAsync($"No test cases (*.yaml) under {testsDirectory}.");
            return CliApplication.UsageError;
        }

        var sets = contents.Sets;
        var known = sets.SelectMany(s => s.EnabledRules).Concat(RuleCatalog.EngineFindingIds).Append(WaiverSet.Expiring.Id).ToHashSet(StringComparer.Ordinal);
        var policies = new StaticPolicyProvider(contents);
        var failed = 0;
        foreach (var testCase in cases)
        {
            // The server's engine and clock rule, with the case's pinned time when it gives one.
            var time = testCase.Now is { } now ? new PinnedTimeProvider(now) : TimeProvider.System;
            var analyzer = new PlanAnalyzer(policies, AnalysisLimits.Default, time, WaiverOptions.Default);
            var problems = await RunCaseAsync(analyzer, testCase, known, contents.Waivers, cancellationToken);
            if (problems is null)
            {
                await output.WriteLineAsync($"PASS  {testCase.Label}");
            }
            else
            {
                failed++;
                await output.WriteLineAsync($"FAIL  {testCase.Label}: {problems}");
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{cases.Count} cases: {cases.Count - failed} passed, {failed} failed ({sets.Count} policy sets from {directory})"));
        return failed == 0 ? CliApplication.Passed : CliApplication.Failed;
    }

    /// <summary>Runs one case; null when it holds, else what differs.</summary>
    private static async Task<string?> RunCaseAsync(PlanAnalyzer analyzer, PolicyTestCase testCase, HashSet<string> known, WaiverSet waivers, CancellationToken cancellationToken)
    {
        var unknown = testCase.Findings.Concat(testCase.Absent).Where(id => !known.Contains(id)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            return $"no loaded policy set runs rule {string.Join(", ", unknown)}";
        }

        var expectedWaivers = testCase.Waived ?? [];
        if (expectedWaivers.Where(id => !waivers.All.Any(w => w.Id == id)).ToList() is { Count: > 0 } missingWaivers)
        {
            return $"no waiver of the policy directory has id {string.Join(", ", missingWaivers)}";
        }

        AnalysisReport report;
        await using (Stream stream = testCase.PlanPath is { } path ? File.OpenRead(path) : new MemoryStream(Encoding.UTF8.GetBytes(testCase.PlanJson!)))
        {
            report = await analyzer.AnalyzeAsync(stream, testCase.Scope, cancellationToken);
        }

        var found = report.Findings.Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        if (testCase.ExpectPassed is { } passes && passes != report.Passed)
        {
            problems.Add($"verdict {(report.Passed ? "passed" : "failed")}, expected {(passes ? "passed" : "failed")}");
        }

        if (testCase.Findings.Where(id => !found.Contains(id)).ToList() is { Count: > 0 } missing)
        {
            problems.Add("missing " + string.Join(", ", missing));
        }

        if (testCase.Absent.Where(found.Contains).ToList() is { Count: > 0 } unexpected)
        {
            problems.Add("unexpected " + string.Join(", ", unexpected));
        }

        var used = report.Findings.Where(f => f.WaivedBy is not null).Select(f => f.WaivedBy!.Id).ToHashSet(StringComparer.Ordinal);
        if (expectedWaivers.Where(id => !used.Contains(id)).ToList() is { Count: > 0 } unused)
        {
            problems.Add("not waived by " + string.Join(", ", unused));
        }

        // A rule that could not run is a broken policy, not a finding, unless the case expects exactly that.
        foreach (var failure in report.Findings.Where(f => RuleCatalog.EngineFindingIds.Contains(f.RuleId) && !testCase.Findings.Contains(f.RuleId)))
        {
            problems.Add($"{failure.RuleId}: {failure.Description}");
        }

        return problems.Count == 0 ? null : $"{string.Join("; ", problems)} (found: {(found.Count == 0 ? "none" : string.Join(", ", found))})";
    }
}

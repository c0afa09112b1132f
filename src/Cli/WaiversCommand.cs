using System.Globalization;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Cli;

/// <summary>
/// <c>runtasks waivers DIR [--plans PLANS_DIR] [--now TIME]</c>: every waiver of a policy directory with its state (live,
/// expiring in N days, expired) and, given plans, whether it matched a finding in any of them. Exit 0 all live, 1 any
/// expired or the directory malformed, 2 usage.
/// </summary>
internal static class WaiversCommand
{
    public static readonly string[] Options = ["plans", "now"];

    public static async Task<int> RunAsync(CommandLine command, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryNow(command, out var now))
        {
            await error.WriteLineAsync($"runtasks: --now must be a date (2027-03-31) or an RFC 3339 time (2027-03-31T12:00:00Z), got '{command.Values["now"]}'");
            return CliApplication.UsageError;
        }

        PolicyDirectoryContents contents;
        try
        {
            contents = PolicyDirectoryProvider.LoadAll(command.Argument, WaiverOptions.Default, now);
        }
        catch (PolicyLoadException exception)
        {
            await output.WriteLineAsync(VisibleText.Escape($"MALFORMED  {exception.Message}"));
            await output.WriteLineAsync("The server refuses this directory (at start-up) or keeps its last good "
                + "policies and waivers (at reload) until it is fixed.");
            return CliApplication.Failed;
        }

        List<(string Plan, IReadOnlyList<Finding> Findings)>? plans = null;
        if (command.Values.TryGetValue("plans", out var plansDirectory))
        {
            if (!Directory.Exists(plansDirectory))
            {
                await error.WriteLineAsync($"runtasks: plans directory not found: {plansDirectory}");
                return CliApplication.UsageError;
            }

            plans = await ReadPlansAsync(contents.Sets, plansDirectory, cancellationToken);
        }

        var expired = 0;
        foreach (var waiver in contents.Waivers.All)
        {
            var state = State(waiver, now);
            expired += waiver.IsLiveAt(now) ? 0 : 1;
            var line = $"{waiver.Id}  {state}  {waiver.Rule} on {string.Join(", ", waiver.Resources)}{Scope(waiver)}; owner {waiver.Owner}, approved by {waiver.ApprovedBy} ({Path.GetFileName(waiver.Source)}: line {waiver.Line})";
            await output.WriteLineAsync(VisibleText.Escape(line));
            if (plans is not null)
            {
                var matched = plans.Select(p => (p.Plan, Count: p.Findings.Count(f => f.RuleId == waiver.Rule && waiver.Covers(f.Address)))).Where(p => p.Count > 0).ToList();
                await output.WriteLineAsync(matched.Count == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"    matched nothing in {plans.Count} plan(s): stale? remove it if the finding is gone")
                    : "    matched " + string.Join(", ", matched.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Count} in {m.Plan}"))));
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{contents.Waivers.All.Count} waivers: {contents.Waivers.All.Count - expired} live, {expired} expired"));
        return expired == 0 ? CliApplication.Passed : CliApplication.Failed;
    }

    /// <summary>live, expiring in N days (within the default warning time), or expired.</summary>
    public static string State(Waiver waiver, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(waiver);
        if (!waiver.IsLiveAt(now))
        {
            return $"EXPIRED on {waiver.ExpiresText}";
        }

        var days = (int)Math.Ceiling((waiver.ExpiresAt - now).TotalDays);
        return waiver.ExpiresAt - now <= WaiverOptions.Default.WarnBefore
            ? string.Create(CultureInfo.InvariantCulture, $"EXPIRING in {days} day{(days == 1 ? "" : "s")} ({waiver.ExpiresText})")
            : $"live until {waiver.ExpiresText}";
    }

    /// <summary>The --now option, or the current time.</summary>
    public static bool TryNow(CommandLine command, out DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        now = TimeProvider.System.GetUtcNow();
        return !command.Values.TryGetValue("now", out var text)
            || DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out now);
    }

    private static string Scope(Waiver waiver)
    {
        var parts = new List<string>();
        Add(parts, "organizations", waiver.Organizations);
        Add(parts, "projects", waiver.Projects);
        Add(parts, "workspaces", waiver.Workspaces);
        Add(parts, "stages", waiver.Stages);
        return parts.Count == 0 ? " in every run" : " in " + string.Join(", ", parts);
    }

    private static void Add(List<string> parts, string key, IReadOnlyList<string> globs)
    {
        if (globs.Count > 0)
        {
            parts.Add($"{key} {string.Join("/", globs)}");
        }
    }

    // Every set judges every plan: the plans carry no organisation or workspace, and a stale waiver is one no finding matches anywhere.
    private static async Task<List<(string Plan, IReadOnlyList<Finding> Findings)>> ReadPlansAsync(IReadOnlyList<PolicySet> sets, string directory, CancellationToken cancellationToken)
    {
        var analyzer = new PlanAnalyzer(new EverySet(sets));
        var plans = new List<(string, IReadOnlyList<Finding>)>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(file);
            var report = await analyzer.AnalyzeAsync(stream, new EvaluationScope(null, null, null, RunStages.All[1]), cancellationToken);
            plans.Add((Path.GetFileName(file), report.Findings));
        }

        return plans;
    }

    private sealed class EverySet(IReadOnlyList<PolicySet> sets) : IPolicyProvider
    {
        public IReadOnlyList<PolicySet> Sets => sets;

        public IReadOnlyList<PolicySet> For(EvaluationScope scope) => sets;
    }
}

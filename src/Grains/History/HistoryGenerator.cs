using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.History;

/// <summary>
/// Synthetic history for measurements: runs spread evenly over a period across organisations and workspaces, each
/// with findings drawn from a fixed set of rules and a per-workspace pool of resources, so findings come and go
/// between a workspace's runs (new and fixed) as they do in real use. Deterministic for a seed.
/// </summary>
public sealed class HistoryGenerator(int runs, int findingsPerRun, DateTimeOffset end, TimeSpan period, int seed = 22)
{
    public const int Workspaces = 500;
    public const int Rules = 40;
    private const int ResourcesPerWorkspace = 40;

    public static string Organization(int workspace) => $"org-{workspace % 5}";

    public static string Workspace(int workspace) => $"ws-{workspace:D3}";

    public IEnumerable<HistoryEntry> Entries()
    {
        var random = new Random(seed);
        var step = period / runs;
        var start = end - period;
        for (var i = 0; i < runs; i++)
        {
            var workspace = random.Next(Workspaces);
            var finished = start + step * i;
            var count = random.Next(findingsPerRun * 2 + 1); // averages findingsPerRun
            var findings = Enumerable.Range(0, count)
                .Select(_ => (Rule: random.Next(Rules), Resource: random.Next(ResourcesPerWorkspace)))
                .Distinct()
                .Select(f => new RecordedFinding(
                    $"rule_{f.Rule:D2}",
                    f.Rule % 3 == 0 ? FindingSeverity.Warning : FindingSeverity.Error,
                    $"aws_s3_bucket.b{f.Resource}",
                    "aws_s3_bucket",
                    $"Bucket b{f.Resource} breaks rule {f.Rule}",
                    f.Rule == 7 ? "w-accepted" : null))
                .OrderByDescending(f => f.Severity)
                .ToList();
            var errors = findings.Count(f => f.Severity == FindingSeverity.Error && f.WaiverId is null);
            var verdict = i % 97 == 0 ? HistoryVerdict.Errored : errors > 0 ? HistoryVerdict.Failed : HistoryVerdict.Passed;
            yield return new HistoryEntry(new RunRecord
            {
                TaskResultId = $"taskrs-gen{i:D8}",
                Organization = Organization(workspace),
                Project = "Default Project",
                Workspace = Workspace(workspace),
                WorkspaceId = $"ws-id{workspace:D6}",
                RunId = $"run-gen{i:D8}",
                Stage = "post_plan",
                EnforcementLevel = "mandatory",
                VcsRepoUrl = $"https://github.com/{Organization(workspace)}/{Workspace(workspace)}",
                VcsBranch = "main",
                RunCreatedBy = "generator",
                RunMessage = "Generated run",
                ReceivedAt = finished.AddSeconds(-3),
                FinishedAt = finished,
                Verdict = verdict,
                Status = verdict == HistoryVerdict.Passed ? VerdictStatus.Passed : VerdictStatus.Failed,
                Message = verdict.ToString(),
                Delivery = HistoryDelivery.Accepted,
                Errors = findings.Count(f => f.Severity == FindingSeverity.Error),
                Warnings = findings.Count(f => f.Severity == FindingSeverity.Warning),
                Waived = findings.Count(f => f.WaiverId is not null),
                PolicySets = ["baseline"],
            }, verdict == HistoryVerdict.Errored ? [] : findings);
        }
    }
}

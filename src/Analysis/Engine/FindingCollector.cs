namespace RunTasks.Analysis.Engine;

/// <summary>Collects findings with de-duplication, keeping exact counts but storing at most <see cref="MaxStored"/> of them.</summary>
internal sealed class FindingCollector
{
    public const int MaxStored = 2000;

    private readonly List<Finding> _findings = [];
    private readonly HashSet<(string, string, string)> _seen = [];

    public int Errors { get; private set; }

    public int Warnings { get; private set; }

    public int Infos { get; private set; }

    public int Dropped { get; private set; }

    public IReadOnlyList<Finding> Findings => _findings;

    public void Add(Finding finding)
    {
        if (!_seen.Add((finding.RuleId, finding.Address, finding.Description)))
        {
            return;
        }

        switch (finding.Severity)
        {
            case Severity.Error:
                Errors++;
                break;
            case Severity.Warning:
                Warnings++;
                break;
            default:
                Infos++;
                break;
        }

        if (_findings.Count < MaxStored)
        {
            _findings.Add(finding);
        }
        else
        {
            Dropped++;
        }
    }
}

using RunTasks.Analysis.Configuration;
using RunTasks.Analysis.Plans;

namespace RunTasks.Analysis.Engine;

/// <summary>What plan-level rules need, gathered while streaming; bounded in size whatever the plan.</summary>
internal sealed class PlanFacts
{
    public const int MaxAddresses = PlanSummary.MaxListedAddresses;
    public const int MaxDistinct = 1000;

    private readonly HashSet<string> _rawProviders = new(StringComparer.Ordinal);

    public PlanHeader Header { get; set; } = new();

    public int Create { get; set; }

    public int Update { get; set; }

    public int Delete { get; set; }

    public int Replace { get; set; }

    public int Read { get; set; }

    public List<string> Deletions { get; } = [];

    public List<string> Replacements { get; } = [];

    public int DriftCount { get; set; }

    public List<string> Drifted { get; } = [];

    public HashSet<string> Providers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> ModuleSources { get; } = new(StringComparer.Ordinal);

    /// <summary>Module calls, provider requirements and literal credentials from the plan's <c>configuration</c>.</summary>
    public ConfigurationFacts Configuration { get; } = new();

    /// <summary>The run stage being judged (pre_plan, post_plan, …), or null when unknown; rules limited to some stages read it.</summary>
    public string? Stage { get; set; }

    public void Count(ResourceChange change)
    {
        switch (change.Kind)
        {
            case ChangeKind.Create:
                Create++;
                break;
            case ChangeKind.Update:
                Update++;
                break;
            case ChangeKind.Read:
                Read++;
                break;
            case ChangeKind.Delete:
                Delete++;
                AddCapped(Deletions, change.Address);
                break;
            case ChangeKind.Replace:
                Replace++;
                AddCapped(Replacements, change.Address);
                break;
            default:
                break;
        }
    }

    public void AddProvider(string provider)
    {
        // Every resource names its provider; normalise each distinct spelling once.
        if (_rawProviders.Count < MaxDistinct && _rawProviders.Add(provider))
        {
            Providers.Add(ProviderAddress.Normalize(provider));
        }
    }

    public void AddModuleSource(string source)
    {
        if (ModuleSources.Count < MaxDistinct)
        {
            ModuleSources.Add(source);
        }
    }

    public static void AddCapped(List<string> list, string address)
    {
        if (list.Count < MaxAddresses)
        {
            list.Add(address);
        }
    }
}

namespace RunTasks.Analysis.Configuration;

/// <summary>
/// What the configuration rules judge, read from a plan's <c>configuration</c> or from the files of a configuration
/// version; bounded in size whatever the input.
/// </summary>
internal sealed class ConfigurationFacts
{
    public const int MaxEntries = 1000;

    private readonly Dictionary<string, ModuleCallFact> _modules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProviderRequirementFact> _providers = new(StringComparer.Ordinal);
    private readonly List<SecretFact> _secrets = [];
    private readonly HashSet<(string, string)> _secretKeys = [];

    /// <summary>False until something of a configuration has been read (a plan without one is not judged).</summary>
    public bool Present { get; set; }

    public IEnumerable<ModuleCallFact> ModuleCalls => _modules.Values;

    public IEnumerable<ProviderRequirementFact> Providers => _providers.Values;

    public IReadOnlyList<SecretFact> Secrets => _secrets;

    public ModuleCallFact? Module(string address)
    {
        if (!_modules.TryGetValue(address, out var fact) && _modules.Count < MaxEntries)
        {
            fact = new ModuleCallFact(address);
            _modules.Add(address, fact);
        }

        return fact;
    }

    public ProviderRequirementFact? Provider(string key)
    {
        if (!_providers.TryGetValue(key, out var fact) && _providers.Count < MaxEntries)
        {
            fact = new ProviderRequirementFact(key);
            _providers.Add(key, fact);
        }

        return fact;
    }

    /// <summary>Records a credential by its masked form; the value itself is never kept.</summary>
    public void AddSecret(string address, string kind, string value, SourceLocation? location)
    {
        var key = (location?.ToString() ?? address, kind);
        if (_secrets.Count < MaxEntries && _secretKeys.Add(key))
        {
            _secrets.Add(new SecretFact(address, kind, SecretMask.Mask(value), location));
        }
    }
}

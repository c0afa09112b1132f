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
    private readonly HashSet<string> _secretKeys = new(StringComparer.Ordinal);

    /// <summary>False until something of a configuration has been read (a plan without one is not judged).</summary>
    public bool Present { get; set; }

    public IEnumerable<ModuleCallFact> ModuleCalls => _modules.Values;

    public IEnumerable<ProviderRequirementFact> Providers => _providers.Values;

    public IReadOnlyList<SecretFact> Secrets => _secrets;

    /// <param name="key">What makes the call distinct (the address in a plan; the file and line in a configuration version).</param>
    public ModuleCallFact? Module(string address, string? key = null)
    {
        key ??= address;
        if (!_modules.TryGetValue(key, out var fact) && _modules.Count < MaxEntries)
        {
            fact = new ModuleCallFact(address);
            _modules.Add(key, fact);
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
        // One finding per line (or per address in a plan): a literal password that is also a known format is one secret.
        var key = location?.ToString() ?? address;
        if (_secrets.Count < MaxEntries && _secretKeys.Add(key))
        {
            _secrets.Add(new SecretFact(address, kind, SecretMask.Mask(value), location));
        }
    }
}

namespace RunTasks.Analysis.Engine;

/// <summary>Bounds on what one analysis may hold in memory, whatever the plan says.</summary>
public sealed record AnalysisLimits
{
    /// <summary>64 MiB: far above real resource changes (the largest in the fixtures is under 1 MiB) yet bounded.</summary>
    public const int DefaultMaxResourceChangeBytes = 64 * 1024 * 1024;

    /// <summary>The largest limit accepted: a bigger buffer would not be a single .NET array.</summary>
    public const int MaxAllowedResourceChangeBytes = 1024 * 1024 * 1024;

    /// <summary>
    /// 2 MiB: a custom rule's condition reads a JSON.NET copy of the change about 100 times its JSON size (200 MB here), so
    /// this, not <see cref="MaxResourceChangeBytes"/>, bounds what custom rules cost.
    /// </summary>
    public const int DefaultMaxCustomRuleChangeBytes = 2 * 1024 * 1024;

    private readonly int _maxResourceChangeBytes = DefaultMaxResourceChangeBytes;
    private readonly int _maxCustomRuleChangeBytes = DefaultMaxCustomRuleChangeBytes;

    public static AnalysisLimits Default { get; } = new();

    /// <summary>
    /// Largest single resource change (or any other single JSON value) read into memory at once. A plan holding a
    /// larger one is failed with a finding naming the address and the size, without reading further.
    /// </summary>
    public int MaxResourceChangeBytes
    {
        get => _maxResourceChangeBytes;
        init => _maxResourceChangeBytes = value is >= 1024 and <= MaxAllowedResourceChangeBytes
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxResourceChangeBytes), value, $"{nameof(MaxResourceChangeBytes)} must be between 1 KiB and 1 GiB.");
    }

    /// <summary>
    /// Largest resource change a custom rule's condition may read. A larger change is not evaluated: each custom rule that
    /// applies to it reports, at its own severity, that the resource was not checked.
    /// </summary>
    public int MaxCustomRuleChangeBytes
    {
        get => _maxCustomRuleChangeBytes;
        init => _maxCustomRuleChangeBytes = value is >= 1024 and <= MaxAllowedResourceChangeBytes
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxCustomRuleChangeBytes), value, $"{nameof(MaxCustomRuleChangeBytes)} must be between 1 KiB and 1 GiB.");
    }
}

using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Policies;

/// <summary>
/// Policy sets and waivers loaded from the *.yaml/*.yml files of a directory and its policy set folders
/// (<see cref="PolicySetFolder"/>), and reloaded when they change. Fails
/// closed: at construction a missing or unreadable directory, one without policy files, or an invalid file (an invalid
/// waiver included) throws <see cref="PolicyLoadException"/> naming the path; after that such a reload keeps the last
/// good sets and waivers together (and <see cref="LastError"/> says why).
/// </summary>
public sealed class PolicyDirectoryProvider : IPolicyProvider, IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly WaiverOptions _waiverOptions;
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private FileSystemWatcher? _parentWatcher;
    private ITimer? _timer;
    private volatile PolicyDirectoryContents _loaded;
    private volatile string? _lastError;
    private bool _disposed;

    /// <param name="waivers">Limits on waivers (<c>RunTasks:Waivers</c>); the defaults when null.</param>
    public PolicyDirectoryProvider(string directory, TimeProvider? timeProvider = null, WaiverOptions? waivers = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
        _time = timeProvider ?? TimeProvider.System;
        _waiverOptions = waivers ?? WaiverOptions.Default;
        _loaded = LoadAll(_directory, _waiverOptions, _time.GetUtcNow());
        StartWatching();
    }

    /// <summary>Raised after the sets were reloaded (successfully or not); see <see cref="LastError"/>.</summary>
    public event EventHandler? Reloaded;

    public string Directory => _directory;

    /// <summary>The sets currently in force.</summary>
    public IReadOnlyList<PolicySet> Sets => _loaded.Sets;

    /// <summary>The waivers currently in force, loaded and replaced together with <see cref="Sets"/>.</summary>
    public WaiverSet Waivers => _loaded.Waivers;

    /// <summary>Why the last reload failed, or null when it succeeded.</summary>
    public string? LastError => _lastError;

    public IReadOnlyList<PolicySet> For(EvaluationScope scope) => PolicySet.ApplyingTo(_loaded.Sets, scope);

    /// <summary>Reloads now; returns false (keeping the previous sets) when a file is invalid or the directory is gone or empty.</summary>
    public bool Reload()
    {
        try
        {
            _loaded = LoadAll(_directory, _waiverOptions, _time.GetUtcNow());
            _lastError = null;
            return true;
        }
        catch (PolicyLoadException exception)
        {
            _lastError = exception.Message;
            return false;
        }
        finally
        {
            Reloaded?.Invoke(this, EventArgs.Empty);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _watcher?.Dispose();
            _parentWatcher?.Dispose();
            _timer?.Dispose();
        }
    }

    /// <summary>
    /// Loads the policy sets of a directory; throws <see cref="PolicyLoadException"/> naming the path when it is missing,
    /// unreadable, holds no policy file or an invalid one. There is no fallback: the built-in defaults are the caller's choice.
    /// </summary>
    public static IReadOnlyList<PolicySet> Load(string directory) => LoadAll(directory, WaiverOptions.Default, TimeProvider.System.GetUtcNow()).Sets;

    /// <summary>
    /// Loads the policy sets and the waivers of a directory, as <see cref="Load"/>; a waiver is validated against every
    /// rule of the directory and refused when it expires more than <see cref="WaiverOptions.MaxDuration"/> after <paramref name="now"/>.
    /// </summary>
    public static PolicyDirectoryContents LoadAll(string directory, WaiverOptions waivers, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(waivers);
        var named = Describe(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new PolicyLoadException(File.Exists(directory)
                ? $"the policy path {named} is a file; give the directory that holds the policy files"
                : $"the policy directory {named} does not exist");
        }

        List<string> files;
        List<string> setFolders;
        try
        {
            files = System.IO.Directory.EnumerateFiles(directory, "*.*", SearchOption.TopDirectoryOnly)
                .Where(IsPolicyFile)
                .ToList();
            setFolders = System.IO.Directory.EnumerateDirectories(directory, "*", SearchOption.TopDirectoryOnly)
                .Where(PolicySetFolder.IsSetFolder)
                .ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PolicyLoadException($"the policy directory {named} cannot be read: {exception.Message}", exception);
        }

        if (files.Count == 0 && setFolders.Count == 0)
        {
            throw new PolicyLoadException($"the policy directory {named} holds no policy file (*.yaml or *.yml)");
        }

        var sets = new List<PolicySet>();
        var drafts = new List<WaiverDraft>();

        // Files and set folders in one path order, so a set keeps its place when a file becomes a folder.
        foreach (var entry in files.Concat(setFolders).Order(StringComparer.Ordinal))
        {
            if (setFolders.Contains(entry))
            {
                sets.Add(PolicySetFolder.Load(entry));
                continue;
            }

            var (fileSets, fileWaivers) = PolicyCompiler.ParseFile(ReadPolicyText(entry), entry);
            sets.AddRange(fileSets);
            drafts.AddRange(fileWaivers);
        }

        if (sets.Count == 0)
        {
            throw new PolicyLoadException($"the policy directory {named} holds no policy set; without one every run would pass unchecked");
        }

        return new PolicyDirectoryContents(sets, WaiverCompiler.Compile(drafts, sets, waivers, now));
    }

    // The path as given, and where it resolves when relative, so a typo is visible either way.
    private static string Describe(string directory)
    {
        var full = Path.GetFullPath(directory);
        return string.Equals(full.TrimEnd(Path.DirectorySeparatorChar), directory.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)
            ? $"'{directory}'"
            : $"'{directory}' ({full})";
    }

    /// <summary>The text of a policy file; throws <see cref="PolicyLoadException"/> when it cannot be read or is empty.</summary>
    internal static string ReadPolicyText(string file)
    {
        string yaml;
        try
        {
            yaml = File.ReadAllText(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PolicyLoadException($"{file}: cannot be read: {exception.Message}", exception);
        }

        // An empty file is most often one being written (editors truncate first); loading it would drop its sets.
        return string.IsNullOrWhiteSpace(yaml)
            ? throw new PolicyLoadException($"{file}: is empty; a policy file holds policy sets or waivers")
            : yaml;
    }

    internal static bool IsPolicyFile(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private void StartWatching()
    {
        // The parent watcher sees the directory itself appear, vanish or be swapped (e.g. a Kubernetes ConfigMap update).
        var parent = Path.GetDirectoryName(_directory);
        if (parent is not null && System.IO.Directory.Exists(parent))
        {
            _parentWatcher = Watch(parent, Path.GetFileName(_directory));
        }

        WatchDirectory();
    }

    private void WatchDirectory()
    {
        _watcher?.Dispose();
        _watcher = System.IO.Directory.Exists(_directory) ? Watch(_directory, "*", subdirectories: true) : null;
    }

    // The directory is watched with its subdirectories: a policy set folder's files are part of it.
    private FileSystemWatcher Watch(string path, string filter, bool subdirectories = false)
    {
        var watcher = new FileSystemWatcher(path, filter)
        {
            IncludeSubdirectories = subdirectories,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += OnChanged;
        watcher.Created += OnChanged;
        watcher.Deleted += OnChanged;
        watcher.Renamed += OnChanged;
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (ReferenceEquals(sender, _parentWatcher))
            {
                WatchDirectory();
            }

            // Editors write files in several steps; reload once things settle.
            _timer ??= _time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(Debounce, Timeout.InfiniteTimeSpan);
        }
    }
}

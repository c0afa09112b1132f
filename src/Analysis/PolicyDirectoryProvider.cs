using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis;

/// <summary>
/// Policy sets loaded from the *.yaml/*.yml files of a directory and reloaded when they change.
/// A missing or empty directory means the built-in defaults. A file that fails to load keeps the last good sets
/// (and <see cref="LastError"/> says why); at construction an invalid file throws <see cref="PolicyLoadException"/>.
/// </summary>
public sealed class PolicyDirectoryProvider : IPolicyProvider, IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private FileSystemWatcher? _parentWatcher;
    private ITimer? _timer;
    private volatile IReadOnlyList<PolicySet> _sets;
    private volatile string? _lastError;
    private bool _disposed;

    public PolicyDirectoryProvider(string directory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
        _time = timeProvider ?? TimeProvider.System;
        _sets = Load(_directory);
        StartWatching();
    }

    /// <summary>Raised after the sets were reloaded (successfully or not); see <see cref="LastError"/>.</summary>
    public event EventHandler? Reloaded;

    public string Directory => _directory;

    /// <summary>The sets currently in force.</summary>
    public IReadOnlyList<PolicySet> Sets => _sets;

    /// <summary>Why the last reload failed, or null when it succeeded.</summary>
    public string? LastError => _lastError;

    public IReadOnlyList<PolicySet> For(EvaluationScope scope) => PolicySet.ApplyingTo(_sets, scope);

    /// <summary>Reloads now; returns false (keeping the previous sets) when a file is invalid.</summary>
    public bool Reload()
    {
        try
        {
            _sets = Load(_directory);
            _lastError = null;
            return true;
        }
        catch (Exception exception) when (exception is PolicyLoadException or IOException or UnauthorizedAccessException)
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

    /// <summary>Loads the policy sets of a directory; the built-in defaults when it is missing or holds no policy files.</summary>
    public static IReadOnlyList<PolicySet> Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return [DefaultPolicies.Set];
        }

        var files = System.IO.Directory.EnumerateFiles(directory, "*.*", SearchOption.TopDirectoryOnly)
            .Where(IsPolicyFile)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            return [DefaultPolicies.Set];
        }

        var sets = new List<PolicySet>();
        foreach (var file in files)
        {
            sets.AddRange(PolicyCompiler.Parse(File.ReadAllText(file), file));
        }

        return sets;
    }

    private static bool IsPolicyFile(string path) =>
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
        _watcher = System.IO.Directory.Exists(_directory) ? Watch(_directory, "*") : null;
    }

    private FileSystemWatcher Watch(string path, string filter)
    {
        var watcher = new FileSystemWatcher(path, filter)
        {
            IncludeSubdirectories = false,
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

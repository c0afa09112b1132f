namespace RunTasks.Analysis.Policies;

/// <summary>Where each key of one policy document is written, so errors found after reading it can name the line.</summary>
internal sealed class PolicyPositions
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);
    private readonly Dictionary<(long Line, long Column), (string Path, string Shape, string Got)> _values = [];

    /// <summary>No positions: a document built in code (the built-in defaults).</summary>
    public static PolicyPositions None { get; } = new();

    /// <summary>The line of <paramref name="path"/> (<c>rules.blast_radius.max_destructive_changes</c>), or null.</summary>
    public int? LineOf(string path) => _lines.TryGetValue(path, out var line) ? line : null;

    /// <summary>The key, the expected shape and the text of the value written at a line and column, or null.</summary>
    public (string Path, string Shape, string Got)? ValueAt(long line, long column) => _values.TryGetValue((line, column), out var value) ? value : null;

    /// <summary>Prefix of a message about <paramref name="path"/>: the file, the line when known, the set and the key.</summary>
    public string At(string? source, string set, string path) => LineOf(path) is { } line
        ? $"{source ?? "policy"}: line {line} (set '{set}'): {path}"
        : $"{source ?? "policy"} (set '{set}'): {path}";

    /// <summary>Records a key: the line it is written on, and where its value starts.</summary>
    public void Add(string path, long keyLine, long valueLine, long valueColumn, string shape, string got)
    {
        _lines.TryAdd(path, (int)keyLine);
        _values[(valueLine, valueColumn)] = (path, shape, got);
    }
}

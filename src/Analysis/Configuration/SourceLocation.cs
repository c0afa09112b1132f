namespace RunTasks.Analysis.Configuration;

/// <summary>Where a configuration fact was written: a file of the configuration archive (relative path) and a 1-based line.</summary>
internal sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}

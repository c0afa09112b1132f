namespace RunTasks.Analysis.Configuration;

/// <summary>A text file of a configuration version: its path inside the configuration (forward slashes) and content.</summary>
internal sealed record ConfigurationFile(string Path, string Text);

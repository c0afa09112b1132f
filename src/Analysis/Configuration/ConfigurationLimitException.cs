namespace RunTasks.Analysis.Configuration;

/// <summary>The archive passed one of <see cref="ConfigurationLimits"/>: a final verdict, not a reason to download again.</summary>
internal sealed class ConfigurationLimitException(string message) : Exception(message);

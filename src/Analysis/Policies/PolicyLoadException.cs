namespace RunTasks.Analysis.Policies;

/// <summary>A policy directory or file cannot be used; the message names the path (file, line and key for a file) in the policy's own words.</summary>
public sealed class PolicyLoadException : Exception
{
    public PolicyLoadException()
    {
    }

    public PolicyLoadException(string message)
        : base(message)
    {
    }

    public PolicyLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

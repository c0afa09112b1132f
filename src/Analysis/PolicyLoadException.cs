namespace RunTasks.Analysis;

/// <summary>A policy file is invalid; the message names the file and the key.</summary>
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

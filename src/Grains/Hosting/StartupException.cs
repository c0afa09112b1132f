namespace RunTasks.Grains.Hosting;

/// <summary>A setting or the machine stops start-up; the message is one line naming the key to change.</summary>
public sealed class StartupException : InvalidOperationException
{
    public StartupException()
    {
    }

    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace RunTasks.Grains.Storage;

/// <summary>The data file cannot be used (held by another process, unreadable, read-only, corrupted): start-up stops, naming the file.</summary>
public sealed class DataFileException : Exception
{
    public DataFileException()
    {
    }

    public DataFileException(string message)
        : base(message)
    {
    }

    public DataFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace RunTasks.Cli.Testing;

/// <summary>A test case file that cannot be read: bad YAML, an unknown key, a missing plan file, a case that asserts nothing.</summary>
public sealed class TestCaseException : Exception
{
    public TestCaseException()
    {
    }

    public TestCaseException(string message)
        : base(message)
    {
    }

    public TestCaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

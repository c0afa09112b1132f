namespace RunTasks.Analysis.Plans;

/// <summary>Wraps what the input stream threw, so the analyzer can tell a failed transfer from bytes that are not a plan.</summary>
internal sealed class PlanSourceException : Exception
{
    public PlanSourceException()
    {
    }

    public PlanSourceException(string message)
        : base(message)
    {
    }

    public PlanSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

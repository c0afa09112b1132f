namespace RunTasks.Analysis.Plans;

/// <summary>The document is JSON but not a plan this engine can read; the message is safe to show to users.</summary>
public sealed class PlanFormatException : Exception
{
    public PlanFormatException()
    {
    }

    public PlanFormatException(string message)
        : base(message)
    {
    }

    public PlanFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

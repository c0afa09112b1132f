namespace RunTasks.Configuration;

public enum TimeoutVerdict
{
    Fail,
    Pass,
}

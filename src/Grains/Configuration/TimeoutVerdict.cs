namespace RunTasks.Grains.Configuration;

public enum TimeoutVerdict
{
    Fail,
    Pass,
}

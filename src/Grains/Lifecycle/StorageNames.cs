namespace RunTasks.Grains.Lifecycle;

public static class StorageNames
{
    /// <summary>The grain storage provider that holds task results.</summary>
    public const string TaskResults = "taskresults";
}

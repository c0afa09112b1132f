namespace RunTasks.Grains.History;

/// <summary>Which database a results store talks to; the queries differ only in how a glob is matched.</summary>
public enum HistoryDatabase
{
    PostgreSql = 0,
    Sqlite = 1,
}

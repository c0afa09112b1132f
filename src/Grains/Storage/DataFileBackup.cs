using Microsoft.Data.Sqlite;

namespace RunTasks.Grains.Storage;

/// <summary>
/// An online copy of the data file through SQLite's backup API: consistent, and safe while the service runs (it
/// reads as any other connection does; the writer is not stopped).
/// </summary>
public static class DataFileBackup
{
    /// <exception cref="DataFileException">The data file does not exist or cannot be read.</exception>
    public static void Copy(string dataFile, string destination)
    {
        if (!File.Exists(dataFile))
        {
            throw new DataFileException($"There is no data file at {dataFile}; set RunTasks:DataPath to the service's.");
        }

        try
        {
            using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dataFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(destination), Pooling = false }.ToString());
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }
        catch (SqliteException e)
        {
            throw new DataFileException($"The data file {dataFile} could not be copied to {destination}: {e.Message}", e);
        }
    }
}

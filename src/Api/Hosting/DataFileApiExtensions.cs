using RunTasks.Grains.Hosting;
using RunTasks.Grains.Storage;

namespace RunTasks.Api.Hosting;

/// <summary>Embedded mode's storage: the one data file (<c>RunTasks:DataPath</c>), or memory when it is <c>:memory:</c>.</summary>
public static class DataFileApiExtensions
{
    /// <summary>Opens (locks, checks, migrates) the data file before anything else starts; null means in memory.</summary>
    /// <exception cref="DataFileException">The file is held by another process, read-only or corrupted: the message names it.</exception>
    public static DataFile? OpenRunTasksDataFile(this WebApplicationBuilder builder)
    {
        if (DataFileOptions.Resolve(builder.Configuration, builder.Environment.ContentRootPath) is not { } path)
        {
            return null;
        }

        return DataFile.Open(path); // registered by UseRunTasksDataFile
    }

    public static ISiloBuilder UseRunTasksEmbeddedStorage(this ISiloBuilder silo, DataFile? file) =>
        file is null ? silo.UseRunTasksInMemoryStorage() : silo.UseRunTasksDataFile(file);
}

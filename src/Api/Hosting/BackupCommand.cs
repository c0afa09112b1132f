using RunTasks.Grains.Storage;

namespace RunTasks.Api.Hosting;

/// <summary><c>RunTasks.Api backup FILE</c>: copies the embedded data file (the one <c>RunTasks:DataPath</c> names) while the service runs.</summary>
public static class BackupCommand
{
    public static bool Matches(string[] args) => args is ["backup", ..];

    public static int Run(string[] args)
    {
        if (args is not ["backup", var destination, .. var rest] || destination.StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("usage: RunTasks.Api backup FILE [--RunTasks:DataPath=DIR]");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(rest);
        if (DataFileOptions.Resolve(builder.Configuration, builder.Environment.ContentRootPath) is not { } dataFile)
        {
            Console.Error.WriteLine("RunTasks:DataPath is :memory:; there is no data file to back up.");
            return 2;
        }

        try
        {
            DataFileBackup.Copy(dataFile, destination);
        }
        catch (DataFileException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }

        Console.WriteLine($"{dataFile} copied to {Path.GetFullPath(destination)}");
        return 0;
    }
}

using RunTasks.Api.Hosting;

// `backup FILE`: an online copy of embedded mode's data file, then exit.
if (BackupCommand.Matches(args))
{
    return BackupCommand.Run(args);
}

return await ApiApplication.RunAsync(args);

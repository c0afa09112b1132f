using RunTasks.Api.Hosting;
using RunTasks.Api.Reports;

// `backup FILE`: an online copy of embedded mode's data file, then exit.
if (BackupCommand.Matches(args))
{
    return BackupCommand.Run(args);
}

// `reports-token`: a new API token for the history API and the hash to configure, then exit.
if (ReportsTokenCommand.Matches(args))
{
    return ReportsTokenCommand.Run(Console.Out);
}

return await ApiApplication.RunAsync(args);

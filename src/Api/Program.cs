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

// `history-generate [RUNS] [FINDINGS_PER_RUN]`: fills a results store with synthetic runs and measures its queries, then exit.
if (HistoryGenerateCommand.Matches(args))
{
    return await HistoryGenerateCommand.RunAsync(args, Console.Out);
}

return await ApiApplication.RunAsync(args);

using RunTasks.Api.Hosting;
using RunTasks.Grains.Hosting;

// `backup FILE`: an online copy of embedded mode's data file, then exit.
if (BackupCommand.Matches(args))
{
    return BackupCommand.Run(args);
}

var app = ApiApplication.Create(args);
await app.RunAsync();
return 0;

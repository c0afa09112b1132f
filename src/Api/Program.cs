using RunTasks.Api.Hosting;

return await ApiApplication.RunAsync(args);

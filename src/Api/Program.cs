using RunTasks.Hosting;

var app = ApiApplication.Create(args);
await app.RunAsync();

using RunTasks.Api.Hosting;
using RunTasks.Grains.Hosting;

var app = ApiApplication.Create(args);
await app.RunAsync();

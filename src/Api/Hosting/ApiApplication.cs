using RunTasks.Grains.Hosting;
namespace RunTasks.Api.Hosting;

/// <summary>Builds the front end: shared defaults, then the Api's own services and endpoints.</summary>
public static class ApiApplication
{
    /// <summary>The process: a configuration error ends it with one line naming the key and exit code 1.</summary>
    public static Task<int> RunAsync(string[] args) => StartupGuard.RunAsync(async () =>
    {
        var app = Create(args);
        await using (app)
        {
            StartupGuard.CheckBeforeStart(app, PublicUrls.Of(app.Configuration, app.Services.GetRequiredService<ManagementPort>()));
            await app.RunAsync();
        }
        return 0;
    });

    /// <param name="configure">Runs first, so tests can add configuration the rest then reads.</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddRunTasksDefaults("runtasks-api");
        builder.AddRunTasksApi();

        var app = builder.Build();
        // The public /readyz says how ready, not why: the reasons name paths and errors. Development shows them on its one port.
        var management = app.Services.GetRequiredService<ManagementPort>();
        app.MapRunTasksDefaults(context => management.IsManagementRequest(context) || (!management.IsConfigured && app.Environment.IsDevelopment()));
        app.MapRunTasksApi();
        return app;
    }
}

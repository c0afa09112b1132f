using RunTasks.Grains.Hosting;
namespace RunTasks.Api.Hosting;

/// <summary>Builds the front end: shared defaults, then the Api's own services and endpoints.</summary>
public static class ApiApplication
{
    /// <param name="configure">Runs first, so tests can add configuration the rest then reads.</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddRunTasksDefaults("runtasks-api");
        builder.AddRunTasksApi();

        var app = builder.Build();
        app.MapRunTasksDefaults();
        app.MapRunTasksApi();
        return app;
    }
}

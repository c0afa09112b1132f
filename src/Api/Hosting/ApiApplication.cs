using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Dashboard;
using RunTasks.Endpoints;
using RunTasks.Health;
using RunTasks.Lifecycle;

namespace RunTasks.Hosting;

/// <summary>Builds the front end: the run task endpoint, task result details, health, and the dashboard.</summary>
public static partial class ApiApplication
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Services.AddRunTasksOptions(builder.Configuration);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)));
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);
        builder.UseEmbeddedSilo();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapRunTaskEndpoints();
        app.MapTaskResultEndpoints();
        app.MapHealthChecks("/healthz");
        app.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapOrleansDashboard(routePrefix: "/dashboard");
        LogEmbedded(app.Logger);
        if (app.Configuration.GetSection("RunTasks:HmacKeys").Get<string[]>() is not { Length: > 0 })
            LogUnsigned(app.Logger);
        return app;
    }

    /// <summary>One process, no database: the Api co-hosts a silo with localhost clustering and in-memory state.</summary>
    private static void UseEmbeddedSilo(this WebApplicationBuilder builder)
    {
        var orleans = builder.Configuration.GetSection(OrleansSettings.Section).Get<OrleansSettings>() ?? new();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
            silo.AddMemoryGrainStorage(StorageNames.TaskResults);
            silo.UseInMemoryReminderService();
            silo.AddRunTasksGrains(builder.Configuration);
            silo.AddDashboard();
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedded mode: one in-process silo with in-memory state and reminders. Task results are NOT durable; set ConnectionStrings:RunTasks for the PostgreSQL cluster.")]
    private static partial void LogEmbedded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No RunTasks:HmacKeys configured: run task requests are not authenticated.")]
    private static partial void LogUnsigned(ILogger logger);
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Dashboard;
using RunTasks.Details;
using RunTasks.Endpoints;
using RunTasks.Health;
using RunTasks.Security;
using RunTasks.Telemetry;

namespace RunTasks.Hosting;

/// <summary>Builds the front end: the run task endpoint, the details page, health; metrics and the dashboard on the management port.</summary>
public static partial class ApiApplication
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddRunTasksDefaults();
        configure?.Invoke(builder);
        builder.Services.AddRunTasksOptions(builder.Configuration);
        builder.Services.AddRunTasksDetails(builder.Configuration);
        builder.Services.AddRunTasksTelemetry(builder.Configuration, "runtasks-api");
        var management = ManagementPort.From(builder.Configuration);
        management.Listen(builder);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)));

        var connectionString = builder.Configuration.GetConnectionString(OrleansSettings.ConnectionStringName);
        var orleans = builder.Configuration.GetSection(OrleansSettings.Section).Get<OrleansSettings>() ?? new();
        builder.Services.AddRunTasksIntake(builder.Configuration, connectionString);
        var health = builder.Services.AddHealthChecks();
        if (connectionString is null)
        {
            builder.UseEmbeddedSilo(orleans);
            health.AddCheck<ClusterHealthCheck>("cluster", tags: ["live", "ready"]); // the silo is this process
        }
        else
        {
            builder.UseClusterClient(orleans, connectionString);
            health.AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);
            health.AddCheck("postgresql", new PostgresHealthCheck(connectionString), tags: ["ready"]);
        }
        var dashboard = builder.Configuration.GetSection(DashboardSettings.Section).Get<DashboardSettings>() ?? new();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseHookMetrics();
        app.MapRunTaskEndpoints();
        app.MapTaskResultEndpoints();
        app.MapHealthChecks("/healthz", new() { Predicate = check => check.Tags.Contains("live") });
        app.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapManagementEndpoints(management, dashboard);

        if (connectionString is null)
            LogEmbedded(app.Logger);
        if (app.Configuration.GetSection("RunTasks:HmacKeys").Get<string[]>() is not { Length: > 0 })
            LogUnsigned(app.Logger);
        return app;
    }

    /// <summary>One process, no database: the Api co-hosts a silo with localhost clustering and in-memory state.</summary>
    private static void UseEmbeddedSilo(this WebApplicationBuilder builder, OrleansSettings orleans)
    {
        SiloPortGuard.EnsureFree(orleans); // Orleans would share a taken port silently
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
            silo.UseRunTasksInMemoryStorage();
            silo.AddRunTasksGrains(builder.Configuration);
            silo.AddDashboard();
            silo.AddActivityPropagation(); // grain calls join the request's trace when OTLP export is on
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedded mode: one in-process silo with in-memory state and reminders. Task results are NOT durable; set ConnectionStrings:RunTasks for the PostgreSQL cluster.")]
    private static partial void LogEmbedded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No RunTasks:HmacKeys configured: run task requests are not authenticated.")]
    private static partial void LogUnsigned(ILogger logger);
}

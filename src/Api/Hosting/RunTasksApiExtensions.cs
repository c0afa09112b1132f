using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using RunTasks.Api.Details;
using RunTasks.Api.Endpoints;
using RunTasks.Api.Health;
using RunTasks.Api.ReportPages;
using RunTasks.Api.Reports;
using RunTasks.Api.Telemetry;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Details;
using RunTasks.Grains.History;
using RunTasks.Grains.Hosting;
using RunTasks.Grains.Storage;
using RunTasks.Grains.Telemetry;

namespace RunTasks.Api.Hosting;

/// <summary>The front end's services and endpoints: the run task endpoint, the details page, the mode (embedded or cluster), the management port.</summary>
public static partial class RunTasksApiExtensions
{
    public static WebApplicationBuilder AddRunTasksApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRunTasksDetails(builder.Configuration);
        builder.AddReportsAccess();
        services.AddOptions<DashboardOptions>().Bind(builder.Configuration.GetSection(DashboardOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddSingleton<IValidateOptions<RunTasksOptions>, UnsignedRequestsValidator>();
        PublicUrls.ApplyDefault(builder);
        var management = ManagementPort.From(builder.Configuration);
        management.Listen(builder);
        services.AddSingleton(management);
        services.TryAddSingleton(sp => new LogRateLimiter(sp.GetRequiredService<TimeProvider>(), LogRateLimiter.DefaultWindow));
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)));

        var connectionString = builder.Configuration.GetConnectionString(OrleansOptions.ConnectionStringName);
        var orleans = OrleansOptions.Read(builder.Configuration);
        var dataFile = connectionString is null ? builder.OpenRunTasksDataFile() : null; // embedded: the one data file, or memory
        services.AddRunTasksIntake(builder.Configuration, connectionString, dataFile);
        var health = services.AddHealthChecks();
        if (connectionString is null)
        {
            builder.UseEmbeddedSilo(orleans, dataFile);
            health.AddCheck<ClusterHealthCheck>("cluster", tags: [RunTasksDefaults.Live, RunTasksDefaults.Ready]); // the silo is this process
        }
        else
        {
            builder.UseClusterClient(orleans, connectionString);
            health.AddCheck<ClusterHealthCheck>("cluster", tags: [RunTasksDefaults.Ready]);
            health.AddCheck("postgresql", new PostgresHealthCheck(connectionString), tags: [RunTasksDefaults.Ready]);
            services.AddRunTasksHistoryQueries(builder.Configuration).UseRunTasksHistoryStore(_ => HistoryStore.ForPostgres(connectionString));
        }
        builder.AddRunTasksReports();
        return builder;
    }

    public static WebApplication MapRunTasksApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseHookMetrics();
        app.MapRunTaskEndpoints();
        app.MapTaskResultEndpoints();
        app.MapRunTasksReports();
        app.MapReportPages();
        app.MapManagementEndpoints(app.Services.GetRequiredService<ManagementPort>(), app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value);

        // Said once the process is up, not at build time: a refused start-up shows only its one reason.
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (app.Configuration.GetConnectionString(OrleansOptions.ConnectionStringName) is null)
            {
                if (app.Services.GetService<DataFile>() is { } dataFile)
                {
                    LogEmbeddedDurable(app.Logger, dataFile.Path);
                }
                else
                {
                    LogEmbedded(app.Logger);
                }
            }

            var settings = app.Services.GetRequiredService<IOptions<RunTasksOptions>>().Value;
            if (settings.HmacKeys.Length == 0)
            {
                LogUnsigned(app.Logger, settings.AllowUnsigned ? "RunTasks:AllowUnsigned=true" : app.Environment.EnvironmentName);
            }
        });
        return app;
    }

    /// <summary>One process, no database server: the Api co-hosts a silo with localhost clustering, its state in the data file (or in memory).</summary>
    private static void UseEmbeddedSilo(this WebApplicationBuilder builder, OrleansOptions orleans, DataFile? dataFile)
    {
        SiloPortGuard.EnsureFree(orleans); // Orleans would share a taken port silently
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
            silo.UseRunTasksEmbeddedStorage(dataFile);
            silo.AddRunTasksGrains(builder.Configuration);
            silo.AddDashboard();
            silo.AddActivityPropagation(); // grain calls join the request's trace when OTLP export is on
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedded mode: one in-process silo with in-memory state and reminders (RunTasks:DataPath is :memory:). Task results are NOT durable.")]
    private static partial void LogEmbedded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No RunTasks:HmacKeys configured ({Reason}): run task requests are not authenticated; anyone who reaches /run-task can submit one.")]
    private static partial void LogUnsigned(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded mode: one in-process silo; task results, reminders and keys in {DataFile}")]
    private static partial void LogEmbeddedDurable(ILogger logger, string dataFile);
}

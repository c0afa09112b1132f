using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using RunTasks.Grains.Telemetry;

namespace RunTasks.Grains.Hosting;

/// <summary>
/// What every RunTasks process (the Api and each silo) starts from, in the manner of eShop's service defaults:
/// configuration defaults, validated settings, telemetry, and the health endpoints.
/// </summary>
public static class RunTasksDefaults
{
    /// <summary>Checks of this tag decide <c>/healthz</c> (process liveness); the rest only <c>/readyz</c>.</summary>
    public const string Live = "live";

    /// <summary>Checks of this tag decide <c>/readyz</c>: whether a load balancer should send work here.</summary>
    public const string Ready = "ready";

    public static TBuilder AddRunTasksDefaults<TBuilder>(this TBuilder builder, string serviceName) where TBuilder : IHostApplicationBuilder
    {
        builder.Configuration.AddRunTasksConfigurationDefaults();
        builder.Services.AddRunTasksOptions(builder.Configuration);
        builder.Services.AddRunTasksTelemetry(builder.Configuration, serviceName);
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <param name="showsReadinessDetails">
    /// Which <c>/readyz</c> requests see each check's description, data and error; null means all (a silo's HTTP port is its
    /// management port). The others get the status only.
    /// </param>
    public static WebApplication MapRunTasksDefaults(this WebApplication app, Func<HttpContext, bool>? showsReadinessDetails = null)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Live) });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = ReadinessReport.Writer(showsReadinessDetails ?? (_ => true)),
        });
        return app;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace RunTasks.Grains.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Orleans' meter, as its docs name it for dotnet-counters.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>The instruments grains and endpoints record to; harmless without an exporter (tests, TestingHost).</summary>
    public static IServiceCollection AddRunTasksMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<RunTasksMetrics>();
        return services;
    }

    /// <summary>
    /// OpenTelemetry for a process: RunTasks, Orleans, ASP.NET Core, HttpClient and runtime meters for the Prometheus
    /// scraping endpoint; and, when OTEL_EXPORTER_OTLP_ENDPOINT is set, the same metrics plus traces over OTLP.
    /// </summary>
    public static IServiceCollection AddRunTasksTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        services.AddRunTasksMetrics();
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(serviceName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(RunTasksMetrics.MeterName, OrleansMeter)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter();
            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        if (otlp)
        {
            // HttpClient spans carry url.full with the query redacted by default: pre-signed plan URLs stay out of traces.
            telemetry.WithTracing(tracing => tracing
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }
        return services;
    }
}

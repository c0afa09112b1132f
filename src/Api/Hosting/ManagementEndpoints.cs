using OpenTelemetry.Exporter;
using Orleans.Dashboard;
using RunTasks.Grains.Hosting;

namespace RunTasks.Api.Hosting;

/// <summary>
/// The doors: /metrics and the Orleans Dashboard are served on the management port, or on the one port in Development,
/// and not at all on the public port in Production. The dashboard asks for basic authentication whenever credentials
/// are set, and in Production it is off unless they are.
/// </summary>
public static partial class ManagementEndpoints
{
    public const string MetricsPath = "/metrics";
    public const string DashboardPath = "/dashboard";

    public static WebApplication MapManagementEndpoints(this WebApplication app, ManagementPort management, DashboardOptions dashboard)
    {
        ArgumentNullException.ThrowIfNull(management);
        ArgumentNullException.ThrowIfNull(dashboard);
        if (!management.IsConfigured && !app.Environment.IsDevelopment())
        {
            app.Lifetime.ApplicationStarted.Register(() => LogNoManagementPort(app.Logger, ManagementPort.UrlsKey));
            return app;
        }

        app.UseWhen(c => IsManagementPath(c.Request.Path), branch => branch.Use(management.Gate));
        app.MapPrometheusScrapingEndpoint(MetricsPath);

        if (dashboard.Enabled && (dashboard.HasCredentials || app.Environment.IsDevelopment()))
        {
            app.UseWhen(c => c.Request.Path.StartsWithSegments(DashboardPath), branch => branch.UseMiddleware<DashboardBasicAuth>(dashboard));
            app.MapOrleansDashboard(routePrefix: DashboardPath);
        }
        else if (dashboard.Enabled)
        {
            app.Lifetime.ApplicationStarted.Register(() => LogDashboardOff(app.Logger));
        }
        return app;
    }

    private static bool IsManagementPath(PathString path) => path.StartsWithSegments(MetricsPath) || path.StartsWithSegments(DashboardPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No {Key}: /metrics and the Orleans Dashboard are not served (they never share the public port outside Development).")]
    private static partial void LogNoManagementPort(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Orleans Dashboard is off: outside Development it needs Dashboard:Username and Dashboard:Password.")]
    private static partial void LogDashboardOff(ILogger logger);
}

using RunTasks.Grains.Telemetry;
namespace RunTasks.Api.Telemetry;

public static class ApiTelemetryExtensions
{
    /// <summary>Counts run task requests by result; the endpoint itself stays free of metric code.</summary>
    public static WebApplication UseHookMetrics(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/run-task") && HttpMethods.IsPost(c.Request.Method),
            branch => branch.UseMiddleware<HookMetrics>());
        return app;
    }
}

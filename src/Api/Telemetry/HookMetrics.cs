using RunTasks.Grains.Telemetry;
namespace RunTasks.Api.Telemetry;

/// <summary>Counts every POST /run-task by what became of it, whichever way the endpoint answered.</summary>
public sealed class HookMetrics(RequestDelegate next, RunTasksMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var result = "error";
        try
        {
            await next(context);
            result = HookOutcome.Of(context);
        }
        finally
        {
            metrics.HookReceived(result);
        }
    }
}

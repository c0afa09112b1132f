using RunTasks.Api.Intake;
using RunTasks.Grains.Telemetry;

namespace RunTasks.Api.Telemetry;

/// <summary>What the run task endpoint did with a request, for the hooks-received metric; set by the endpoint, read by <see cref="HookMetrics"/>.</summary>
public static class HookOutcome
{
    private static readonly object Key = new();

    public static void Record(HttpContext context, IntakeResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[Key] = result == IntakeResult.Accepted ? "accepted" : "duplicate";
    }

    /// <summary>The endpoint's own word for a 200, else the refusal named after its status code.</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(Key, out var recorded) && recorded is string result)
        {
            return result;
        }

        return context.Response.StatusCode switch
        {
            StatusCodes.Status200OK => "verification",
            StatusCodes.Status400BadRequest => "malformed",
            StatusCodes.Status401Unauthorized => "unauthorized",
            StatusCodes.Status413PayloadTooLarge => "too_large",
            StatusCodes.Status422UnprocessableEntity => "unprocessable",
            StatusCodes.Status503ServiceUnavailable => "unavailable",
            var code => $"status_{code}",
        };
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RunTasks.Grains.Hosting;

/// <summary>
/// The body of <c>/readyz</c>. Anyone who reaches a public port gets the status only (overall and per check); the
/// descriptions, data and errors (policy directory, the last policy error) only on a management port.
/// </summary>
public static class ReadinessReport
{
    /// <param name="showsDetails">Whether this request may see the details, e.g. it arrived on the management port.</param>
    public static Func<HttpContext, HealthReport, Task> Writer(Func<HttpContext, bool> showsDetails)
    {
        ArgumentNullException.ThrowIfNull(showsDetails);
        return (context, report) => showsDetails(context) ? WriteDetailsAsync(context, report) : WriteStatusAsync(context, report);
    }

    public static Task WriteStatusAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString() }),
        });
    }

    public static Task WriteDetailsAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data.Count > 0 ? e.Value.Data.ToDictionary(d => d.Key, d => d.Value?.ToString()) : null,
                error = e.Value.Exception?.Message,
            }),
        });
    }
}

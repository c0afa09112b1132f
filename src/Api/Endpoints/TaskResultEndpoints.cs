using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RunTasks.Api.Details;
using RunTasks.Api.ReportPages;
using RunTasks.Grains.Details;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Api.Endpoints;

/// <summary>
/// GET /task-results/{id}: the details page linked from HCP Terraform, as HTML for a browser and as JSON
/// (<see cref="TaskResultJson"/>) for <c>Accept: application/json</c>. Malformed ids and links without a valid signature get 404 before Orleans is
/// asked, so guessing ids neither reveals results nor activates grains. Never shows the token.
/// </summary>
public static partial class TaskResultEndpoints
{
    public static IEndpointRouteBuilder MapTaskResultEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/task-results/{id}", GetAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(
        string id, string? exp, string? sig, HttpContext context, IGrainFactory grains, DetailsLinkSigner links, IOptions<DetailsOptions> options, ReportLinks reports, TimeProvider time)
    {
        if (!TaskResultId().IsMatch(id) || !links.Admits(id, exp, sig))
        {
            return TypedResults.NotFound();
        }

        var details = await grains.GetGrain<ITaskResultGrain>(id).GetDetails();
        if (details is null)
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.Vary = HeaderNames.Accept;
        headers.CacheControl = "no-store";
        // The URL carries the signature: no referrer may take it to the sites the page links to.
        headers["Referrer-Policy"] = "no-referrer";
        // Both forms carry plan text: neither may be sniffed into HTML, run script or be framed.
        headers.XContentTypeOptions = "nosniff";
        if (!WantsHtml(context.Request))
        {
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            return TypedResults.Ok(TaskResultJson.From(details));
        }

        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        var history = reports.ReachableHere ? ReportLinks.Workspace(details.OrganizationName, details.WorkspaceName) : null;
        return TypedResults.Content(DetailsPage.Render(details, time.GetUtcNow(), options.Value.ExceptionHelp, history), "text/html; charset=utf-8");
    }

    /// <summary>HTML when the client asks for it ahead of JSON (a browser); JSON otherwise, as before the page existed.</summary>
    private static bool WantsHtml(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        var html = accept.Where(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(-1).Max();
        var json = accept.Where(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(-1).Max();
        return html > 0 && html >= json;
    }

    /// <summary>The shape of an HCP Terraform task result id; \z, not $, so a trailing newline does not pass.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,128}\z")]
    private static partial Regex TaskResultId();
}

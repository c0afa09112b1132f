using RunTasks.Analysis.Policies;
using Microsoft.Extensions.Options;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Details;
using RunTasks.Grains.History;

namespace RunTasks.Api.ReportPages;

/// <summary>
/// The report pages under /reports (<see cref="ReportsAccess"/> decides who reaches them): Summary, Runs, Findings, one
/// run, one workspace. Server-rendered HTML, never cached, never framed.
/// </summary>
public static class ReportEndpoints
{
    private const int DefaultDays = 30;
    private const int Top = 10;

    public static WebApplication MapReportPages(this WebApplication app)
    {
        if (app.MapReportsGroup() is not { } reports)
        {
            return app;
        }

        reports.MapGet("/", SummaryAsync);
        reports.MapGet("/runs", RunsAsync);
        reports.MapGet("/runs/{id}", RunAsync);
        reports.MapGet("/findings", FindingsAsync);
        reports.MapGet("/workspaces/{organization}/{workspace}", WorkspaceAsync);
        return app;
    }

    private static async Task<IResult> SummaryAsync(
        int? days, HttpContext context, IHistoryQueries history, IOptions<RunTasksOptions> settings, TimeProvider time, IServiceProvider services)
    {
        var period = Math.Clamp(days ?? DefaultDays, 1, 400);
        var now = time.GetUtcNow();
        var summary = await history.GetSummaryAsync(new HistoryFilter { From = StartOfDay(now).AddDays(1 - period), To = now }, Top, context.RequestAborted);
        var expiring = services.GetService<IPolicyProvider>() is { } policies
            ? policies.Waivers.All.Where(w => w.IsLiveAt(now) && w.ExpiresAt - now <= settings.Value.Waivers.WarnBefore).OrderBy(w => w.ExpiresAt).ToList()
            : null;
        return Page(context, SummaryPage.Render(summary, period, expiring, now));
    }

    private static async Task<IResult> RunsAsync(HttpContext context, IHistoryQueries history, TimeProvider time)
    {
        var query = context.Request.Query;
        if (ReportFilter.Read(query, out var problem) is not { } read)
        {
            return Page(context, RunsPage.Render(new([], null), query, problem, time.GetUtcNow()), StatusCodes.Status400BadRequest);
        }

        var page = await history.ListRunsAsync(read.Filter, read.Page, context.RequestAborted);
        return Page(context, RunsPage.Render(page, query, null, time.GetUtcNow()));
    }

    private static async Task<IResult> FindingsAsync(HttpContext context, IHistoryQueries history, TimeProvider time)
    {
        var query = context.Request.Query;
        if (ReportFilter.Read(query, out var problem) is not { } read)
        {
            return Page(context, FindingsPage.Render(new([], null), query, problem, time.GetUtcNow()), StatusCodes.Status400BadRequest);
        }

        var page = await history.ListFindingsAsync(read.Filter, read.Page, context.RequestAborted);
        return Page(context, FindingsPage.Render(page, query, null, time.GetUtcNow()));
    }

    private static async Task<IResult> RunAsync(string id, HttpContext context, IHistoryQueries history, DetailsLinkSigner links, TimeProvider time)
    {
        if (await history.GetRunAsync(id, context.RequestAborted) is not { } detail)
        {
            return TypedResults.NotFound();
        }
        return Page(context, RunPage.Render(detail, links.DetailsUrl(id), time.GetUtcNow()));
    }

    private static async Task<IResult> WorkspaceAsync(string organization, string workspace, int? days, HttpContext context, IHistoryQueries history, TimeProvider time)
    {
        var period = Math.Clamp(days ?? 90, 1, 400);
        var now = time.GetUtcNow();
        var found = await history.GetWorkspaceAsync(organization, workspace, StartOfDay(now).AddDays(1 - period), now, context.RequestAborted);
        return found is null ? TypedResults.NotFound() : Page(context, WorkspacePage.Render(found, period, now));
    }

    private static DateTimeOffset StartOfDay(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Page(HttpContext context, string html, int status = StatusCodes.Status200OK)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "same-origin";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ReportHtml.ContentSecurityPolicy;
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using RunTasks.Grains.History;

namespace RunTasks.Api.Reports;

/// <summary>
/// The history API under /api/v1, for machines with an API token: task results and findings as JSON (filters as query
/// parameters, cursor paging), and both as streamed CSV for a period. Every route requires <see cref="Policy"/>.
/// </summary>
public static class ReportsApiEndpoints
{
    public const string Policy = "RunTasksReportsApi";
    public const string Prefix = "/api/v1";

    /// <summary>snake_case names, as the query parameters; enums as their lowercase names (already_final).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization(Policy);
        api.MapGet("/task-results", ListRunsAsync);
        api.MapGet("/task-results/{id}", GetRunAsync);
        api.MapGet("/findings", ListFindingsAsync);
        api.MapGet("/task-results.csv", RunsCsvAsync);
        api.MapGet("/findings.csv", FindingsCsvAsync);
        return app;
    }

    private static async Task<Results<JsonHttpResult<ReportPage<RunRecord>>, ProblemHttpResult>> ListRunsAsync(HttpContext context, IHistoryQueries history)
    {
        if (!ReportQuery.TryParse(context.Request.Query, out var filter, out var problem) || !ReportQuery.TryPage(context.Request.Query, out var page, out problem))
        {
            return BadQuery(problem);
        }

        var result = await history.ListRunsAsync(filter, page, context.RequestAborted);
        return TypedResults.Json(new ReportPage<RunRecord>(result.Items, result.NextCursor, NextLink(context, result.NextCursor)), Json);
    }

    private static async Task<Results<JsonHttpResult<RunDetail>, NotFound>> GetRunAsync(string id, HttpContext context, IHistoryQueries history) =>
        await history.GetRunAsync(id, context.RequestAborted) is { } detail ? TypedResults.Json(detail, Json) : TypedResults.NotFound();

    private static async Task<Results<JsonHttpResult<ReportPage<FindingRecord>>, ProblemHttpResult>> ListFindingsAsync(HttpContext context, IHistoryQueries history)
    {
        if (!ReportQuery.TryParse(context.Request.Query, out var filter, out var problem) || !ReportQuery.TryPage(context.Request.Query, out var page, out problem))
        {
            return BadQuery(problem);
        }

        var result = await history.ListFindingsAsync(filter, page, context.RequestAborted);
        return TypedResults.Json(new ReportPage<FindingRecord>(result.Items, result.NextCursor, NextLink(context, result.NextCursor)), Json);
    }

    private static async Task RunsCsvAsync(HttpContext context, IHistoryQueries history)
    {
        if (!ReportQuery.TryParse(context.Request.Query, out var filter, out var problem))
        {
            await BadQuery(problem).ExecuteAsync(context);
            return;
        }

        StartCsv(context, "task-results", filter);
        await HistoryCsv.WriteRunsAsync(history.StreamRunsAsync(filter, context.RequestAborted), context.Response.Body, context.RequestAborted);
    }

    private static async Task FindingsCsvAsync(HttpContext context, IHistoryQueries history)
    {
        if (!ReportQuery.TryParse(context.Request.Query, out var filter, out var problem))
        {
            await BadQuery(problem).ExecuteAsync(context);
            return;
        }

        StartCsv(context, "findings", filter);
        await HistoryCsv.WriteFindingsAsync(history.StreamFindingsAsync(filter, context.RequestAborted), context.Response.Body, context.RequestAborted);
    }

    private static void StartCsv(HttpContext context, string name, HistoryFilter filter)
    {
        var period = $"{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}".Trim('-');
        context.Response.ContentType = HistoryCsv.ContentType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"runtasks-{name}{(period.Length > 0 ? "-" + period : "")}.csv\"";
        context.Response.Headers.CacheControl = "no-store";
    }

    private static string? NextLink(HttpContext context, string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        var query = context.Request.Query.Where(q => q.Key != "cursor").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
            .Append(KeyValuePair.Create("cursor", (string?)cursor));
        return context.Request.PathBase + context.Request.Path + new QueryBuilder(query!).ToQueryString();
    }

    private static ProblemHttpResult BadQuery(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid query");
}

using Microsoft.AspNetCore.Http.HttpResults;
using RunTasks.TaskResults;

namespace RunTasks.Endpoints;

/// <summary>GET /task-results/{id}: the details page linked from HCP Terraform, as JSON; never shows the token.</summary>
public static class TaskResultEndpoints
{
    public static IEndpointRouteBuilder MapTaskResultEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/task-results/{id}", GetAsync);
        return app;
    }

    private static async Task<Results<Ok<TaskResultSnapshot>, NotFound>> GetAsync(string id, IGrainFactory grains)
    {
        if (id.Length > 128)
            return TypedResults.NotFound();
        var snapshot = await grains.GetGrain<ITaskResultGrain>(id).GetSnapshot();
        return snapshot is null ? TypedResults.NotFound() : TypedResults.Ok(snapshot);
    }
}

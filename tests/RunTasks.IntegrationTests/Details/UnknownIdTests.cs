using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace RunTasks.IntegrationTests.Details;

/// <summary>Issue 9, item 8: GETs of ids nobody was given must not cost a grain activation each.</summary>
[Collection(DetailsCollection.Name)]
public sealed class UnknownIdTests(DetailsFixture fx)
{
    [Fact]
    public async Task Thousand_unsigned_or_malformed_gets_activate_no_grain()
    {
        var before = (await TaskResultActivationsAsync()).Count;
        var ids = Enumerable.Range(0, 1000).Select(i => $"taskrs-probe-{i}-{Guid.NewGuid():N}").ToList();
        var paths = ids.Select((id, i) => (i % 4) switch
        {
            0 => $"/task-results/{id}",                                  // well formed, unsigned
            1 => $"/task-results/{id}?exp=9999999999&sig=AAAA",          // forged signature
            2 => $"/task-results/{id}{new string('x', 128)}",            // longer than the protocol allows
            _ => $"/task-results/{id}%0Aforged",                         // a character outside the id shape
        });

        foreach (var chunk in paths.Chunk(50))
        {
            var responses = await Task.WhenAll(chunk.Select(p => fx.Api.Http.GetAsync(p)));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        }

        var after = await TaskResultActivationsAsync();
        Assert.DoesNotContain(after, key => key.StartsWith("taskrs-probe-", StringComparison.Ordinal));
        Assert.True(after.Count <= before, $"task result activations grew from {before} to {after.Count}");
    }

    [Fact]
    public async Task Signed_get_of_an_unknown_id_is_404_and_reaches_its_grain()
    {
        // Shows that the activation listing above does see task result grains: a signed lookup reaches one.
        var id = $"taskrs-signed-{Guid.NewGuid():N}";

        var response = await fx.Api.Http.GetAsync(fx.Api.DetailsPath(id));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(id, await TaskResultActivationsAsync());
    }

    private async Task<List<string>> TaskResultActivationsAsync()
    {
        var management = fx.Api.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        return [.. statistics
            .Where(s => s.GrainType.Contains("TaskResult", StringComparison.OrdinalIgnoreCase))
            .Select(s => s.GrainId.Key.ToString()!)];
    }
}

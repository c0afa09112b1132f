using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using RunTasks.IntegrationTests.Cluster;
using RunTasks.IntegrationTests.Postgres;
using RunTasks.Silo.Schema;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Details;

/// <summary>Cluster mode on PostgreSQL: a silo process signs the details link, the Api (an Orleans client) checks it.</summary>
public sealed class ClusterDetailsTests(PostgresFixture pg) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private string _db = "";
    private FakeHcp _hcp = null!;
    private SiloProcess _silo = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _db = await pg.CreateDatabaseAsync();
        await new SchemaMigrator(_db, NullLogger<SchemaMigrator>.Instance).ApplyAsync(CancellationToken.None);
        _hcp = await FakeHcp.StartAsync();
        _silo = await SiloProcess.StartAsync(_db, "silo1", ApiHost.FastSettings(_hcp));
        _api = await ApiHost.StartAsync(_hcp, new Dictionary<string, string?> { ["ConnectionStrings:RunTasks"] = _db });
    }

    [Fact]
    public async Task Link_signed_by_a_silo_with_the_shared_key_ring_opens_on_the_api()
    {
        var task = _hcp.AddTask(SensitivePlan.Create());
        (await _api.PostAsync(_hcp.Payload(task))).EnsureSuccessStatusCode();
        var final = await task.FinalAsync(TimeSpan.FromSeconds(60));
        var link = _api.BaseUrl.TrimEnd('/') + new Uri(final.Url!).PathAndQuery;

        var request = new HttpRequestMessage(HttpMethod.Get, link);
        request.Headers.Accept.ParseAdd("text/html");
        var response = await _api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(SensitivePlan.Address, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Http.GetAsync(link.Replace("sig=", "sig=A", StringComparison.Ordinal))).StatusCode);
    }

    [Fact]
    public async Task Silo_serves_metrics_on_its_own_http_port()
    {
        using var http = new HttpClient();

        var metrics = await http.GetStringAsync($"{_silo.HttpUrl}/metrics");

        Assert.Contains("orleans_catalog_activations", metrics, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _silo.DisposeAsync();
        await _hcp.DisposeAsync();
    }
}

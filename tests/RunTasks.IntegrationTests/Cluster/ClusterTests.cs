using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RunTasks.IntegrationTests.Failover;
using RunTasks.IntegrationTests.Postgres;
using RunTasks.Silo.Schema;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Cluster;

/// <summary>The production topology on real PostgreSQL: silo processes, the Api as an Orleans client, a fake HCP Terraform.</summary>
[Collection(FailoverCollection.Name)] // kill -9 and restarts under load need the cores to themselves, like the chaos tests
public sealed class ClusterTests(PostgresFixture pg) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);
    private static readonly byte[] Plan = Fixtures.Plan("aquasecurity__trivy__module-call-tf1.14.json");
    private readonly List<IAsyncDisposable> _owned = [];
    private string _db = "";
    private FakeHcp _hcp = null!;

    public async Task InitializeAsync()
    {
        _db = await pg.CreateDatabaseAsync();
        await new SchemaMigrator(_db, NullLogger<SchemaMigrator>.Instance).ApplyAsync(CancellationToken.None);
        _hcp = await FakeHcp.StartAsync();
    }

    private async Task<SiloProcess> SiloAsync(string name) => Own(await SiloProcess.StartAsync(_db, name, ClusterSettings.For(_hcp)));

    private async Task<ApiHost> ApiAsync() => Own(await ApiHost.StartAsync(_hcp, new Dictionary<string, string?> { ["ConnectionStrings:RunTasks"] = _db }));

    private T Own<T>(T resource) where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    [Fact]
    public async Task Same_request_through_two_api_instances_gives_one_callback_and_no_plain_token_is_stored()
    {
        await SiloAsync("silo1");
        var (api1, api2) = (await ApiAsync(), await ApiAsync());
        var task = _hcp.AddTask(Plan);
        var body = _hcp.Payload(task);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? api1 : api2).PostAsync(body)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await task.FinalAsync(Wait);
        await api1.WaitForDoneAsync(task.TaskResultId);
        Assert.Single(task.Finals);

        await using var connection = new NpgsqlConnection(_db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT convert_from(payloadbinary, 'UTF8') FROM orleansstorage WHERE grainidextensionstring = @id", connection);
        command.Parameters.AddWithValue("id", task.TaskResultId);
        var stored = (string?)await command.ExecuteScalarAsync();
        Assert.NotNull(stored);
        Assert.Contains(task.TaskResultId, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(task.Token, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killing_one_of_two_silos_loses_no_task_result()
    {
        var silo1 = await SiloAsync("silo1");
        await SiloAsync("silo2");
        var api = await ApiAsync();
        // As HCP Terraform does for a terminal result: a final the killed silo sent but could not record is sent again
        // by the silo that resumes it, and answered 409.
        _hcp.RejectRepeatedFinals = true;
        var tasks = Enumerable.Range(0, 200).Select(_ => _hcp.AddTask(Plan)).ToList();
        foreach (var task in tasks)
        {
            task.PlanFaults.Enqueue(FakeTask.Hang); // the first download is held open until the attempt times out
        }

        foreach (var task in tasks)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync(_hcp.Payload(task))).StatusCode);
        }

        silo1.Kill();

        await Task.WhenAll(tasks.Select(t => t.FinalAsync(Wait)));
        await Task.WhenAll(tasks.Select(t => api.WaitForDoneAsync(t.TaskResultId)));
        Assert.All(tasks, t => Assert.Single(t.Finals));
        Assert.All(tasks, t => Assert.All(t.Refused.Where(c => c.Status is "passed" or "failed"), repeat => Assert.Equal(t.Finals.Single().Status, repeat.Status)));
    }

    [Fact]
    public async Task Task_results_and_reminders_survive_a_full_cluster_restart()
    {
        var silo = await SiloAsync("silo1");
        var api = await ApiAsync();
        _hcp.RejectRepeatedFinals = true; // a final sent just before the kill is sent again after it, and answered 409
        var tasks = Enumerable.Range(0, 20).Select(i => _hcp.AddTask(Plan, stage: i % 2 == 0 ? "pre_plan" : "post_plan")).ToList();
        foreach (var task in tasks)
        {
            for (var i = 0; i < 3; i++)
            {
                task.CallbackFaults.Enqueue(new CallbackFault(503)); // analysis done, final callback still pending
            }
        }

        foreach (var task in tasks)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync(_hcp.Payload(task))).StatusCode);
        }

        await Task.Delay(1000);

        silo.Kill();
        await Task.Delay(3000);
        await silo.RestartAsync();

        await Task.WhenAll(tasks.Select(t => t.FinalAsync(Wait)));
        await Task.WhenAll(tasks.Select(t => api.WaitForDoneAsync(t.TaskResultId)));
        Assert.All(tasks, t => Assert.Single(t.Finals));
        Assert.All(tasks, t => Assert.All(t.Refused.Where(c => c.Status is "passed" or "failed"), repeat => Assert.Equal(t.Finals.Single().Status, repeat.Status)));
    }

    public async Task DisposeAsync()
    {
        foreach (var resource in Enumerable.Reverse(_owned))
        {
            await resource.DisposeAsync();
        }

        await _hcp.DisposeAsync();
    }
}

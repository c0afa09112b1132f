using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RunTasks.IntegrationTests.Cluster;
using RunTasks.Silo.Schema;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Failover;

/// <summary>The production topology for chaos tests: schema, silo processes and the Api (in-process, as an Orleans client).</summary>
public sealed class FailoverCluster : IAsyncDisposable
{
    private FailoverCluster(string connectionString, IReadOnlyList<SiloProcess> silos, ApiHost api)
    {
        ConnectionString = connectionString;
        Silos = silos;
        Api = api;
    }

    public string ConnectionString { get; }
    public IReadOnlyList<SiloProcess> Silos { get; }
    public ApiHost Api { get; }

    /// <summary>The cluster tests' settings, with a 10 s attempt timeout that leaves room for the fake HCP's slow plan.</summary>
    public static Dictionary<string, string?> Settings(FakeHcp hcp)
    {
        var settings = ClusterSettings.For(hcp);
        settings["RunTasks:Delivery:AttemptTimeout"] = "00:00:10";
        return settings;
    }

    public static async Task<FailoverCluster> StartAsync(string connectionString, int siloCount, FakeHcp hcp)
    {
        await new SchemaMigrator(connectionString, NullLogger<SchemaMigrator>.Instance).ApplyAsync(CancellationToken.None);
        var silos = await Task.WhenAll(Enumerable.Range(1, siloCount).Select(i => SiloProcess.StartAsync(connectionString, $"silo{i}", Settings(hcp))));
        var api = Settings(hcp);
        api["ConnectionStrings:RunTasks"] = connectionString;
        return new FailoverCluster(connectionString, silos, await ApiHost.StartAsync(api));
    }

    /// <summary>How many silos the membership table lists as dead (status 6).</summary>
    public async Task<int> DeadSilosAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE status = 6", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows still waiting in the inbox (the hand-over or the pump has not finished with them).</summary>
    public async Task<long> InboxRowsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM runtasks_inbox", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>What the database holds for a task result: its stored state, its reminders, its inbox row.</summary>
    public async Task<string> DescribeAsync(string taskResultId)
    {
        const string sql =
            "SELECT coalesce((SELECT convert_from(payloadbinary, 'UTF8') FROM orleansstorage WHERE grainidextensionstring = @id LIMIT 1), 'no state')" +
            " || ' | reminders: ' || (SELECT count(*) FROM orleansreminderstable WHERE grainid LIKE '%' || @id)" +
            " || ' | inbox: ' || (SELECT count(*) FROM runtasks_inbox WHERE task_result_id = @id)";
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", taskResultId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }
    }
}

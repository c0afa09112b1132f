using System.Net;
using Microsoft.Data.Sqlite;
using RunTasks.IntegrationTests.Embedded;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.History;

/// <summary>The README's run command killed with task results finished and unfinished: after the restart each is recorded once.</summary>
public sealed partial class HistoryRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);
    private static readonly byte[] SmallPlan = Fixtures.Plan("aquasecurity__trivy__module-call-tf1.14.json");

    private readonly string _data = Directory.CreateTempSubdirectory("runtasks-history-restart-").FullName;
    private FakeHcp _hcp = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _hcp.RejectRepeatedFinals = true; // a final accepted in the instant before the kill is sent again and refused (409)
    }

    public async Task DisposeAsync()
    {
        await _hcp.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Task_results_finished_before_and_after_a_kill_are_each_recorded_once()
    {
        // The recorder says at Debug what each batch recorded: the test follows that instead of polling the file.
        await using var service = EmbeddedProcess.Create(_hcp, _data, new Dictionary<string, string?> { ["Logging:LogLevel:RunTasks.Grains.History"] = "Debug" });
        await service.StartAsync();
        var finished = Enumerable.Range(0, 3).Select(_ => _hcp.AddTask(SmallPlan)).ToList();
        var analysing = Enumerable.Range(0, 3).Select(_ => _hcp.AddTask(SmallPlan)).ToList();
        analysing.ForEach(t => t.PlanFaults.Enqueue(FakeTask.Hang)); // the plan download hangs until the crash
        foreach (var task in finished.Concat(analysing))
        {
            Assert.Equal(HttpStatusCode.OK, (await service.PostAsync(_hcp.Payload(task))).StatusCode);
        }

        await Task.WhenAll(finished.Select(t => t.FinalAsync(Wait)));
        await service.KillAsync(); // the recorder may not have written the finished ones yet
        await service.StartAsync();
        await Task.WhenAll(analysing.Select(t => t.FinalAsync(Wait)));
        foreach (var task in finished.Concat(analysing))
        {
            Assert.Single(task.Finals);
            await service.GetDetailsAsync(task.Finals.First().Url!); // a finished grain woken again offers its record again
            await service.PostAsync(_hcp.Payload(task)); // and a retried delivery records nothing more
        }

        var expected = finished.Concat(analysing).Select(t => t.TaskResultId).Order(StringComparer.Ordinal).ToList();
        await service.WhenOutputAsync(lines => RecordedCount(lines) >= expected.Count, Wait);
        Assert.Equal(expected, await RecordedAsync());
    }

    /// <summary>How many task results the recorder's Debug lines say it recorded (only new ones are counted there).</summary>
    private static int RecordedCount(IEnumerable<string> lines) =>
        lines.Select(l => Recorded().Match(l)).Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [System.Text.RegularExpressions.GeneratedRegex(@"Results store: (\d+) task result\(s\) recorded")]
    private static partial System.Text.RegularExpressions.Regex Recorded();

    /// <summary>The task result ids in the data file's history.</summary>
    private async Task<List<string>> RecordedAsync()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_data, "runtasks.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        var ids = new List<string>();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT task_result_id FROM runtasks_history_runs ORDER BY task_result_id";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids.Order(StringComparer.Ordinal).ToList();
    }
}

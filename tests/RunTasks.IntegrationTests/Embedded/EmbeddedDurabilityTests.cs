using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Embedded;

/// <summary>
/// The README's run command, crashed and restarted: a real process, a real data file, the fake HCP Terraform.
/// Every task result answered 200 gets exactly one final callback, whatever phase the crash caught it in.
/// </summary>
[SuppressMessage("Naming", "CA1707", Justification = "Test names are sentences.")]
public sealed class EmbeddedDurabilityTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);
    private static readonly byte[] SmallPlan = Fixtures.Plan("aquasecurity__trivy__module-call-tf1.14.json");

    private readonly string _data = Directory.CreateTempSubdirectory("runtasks-durable-").FullName;
    private FakeHcp _hcp = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _hcp.RejectRepeatedFinals = true; // a second final would be recorded as refused
    }

    public async Task DisposeAsync()
    {
        await _hcp.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Task_results_in_every_phase_get_one_final_after_a_kill_and_a_restart_on_the_same_file()
    {
        await using var service = EmbeddedProcess.Create(_hcp, _data);
        await service.StartAsync();

        var analysing = Enumerable.Range(0, 3).Select(_ => _hcp.AddTask(SmallPlan)).ToList();
        analysing.ForEach(t => t.PlanFaults.Enqueue(FakeTask.Hang)); // the plan download hangs until the crash
        var retrying = Enumerable.Range(0, 3).Select(_ => _hcp.AddTask(null, stage: "pre_plan")).ToList();
        retrying.ForEach(t => Enumerable.Range(0, 4).ToList().ForEach(_ => t.CallbackFaults.Enqueue(new CallbackFault(503))));
        var settled = Enumerable.Range(0, 3).Select(_ => _hcp.AddTask(SmallPlan)).ToList();
        var received = Enumerable.Range(0, 3).Select(_ => _hcp.AddTask(SmallPlan)).ToList();

        var accepted = new Dictionary<FakeTask, (DateTimeOffset Before, DateTimeOffset After)>();
        foreach (var task in analysing.Concat(retrying).Concat(settled))
        {
            accepted[task] = await PostAcceptedAsync(service, task);
        }

        await _hcp.WhenAsync(() => retrying.All(t => t.CallbackFaults.Count < 4) && analysing.All(t => t.PlanRequests > 0)
            && settled.All(t => t.Finals.Any() || t.PlanRequests > 0), TimeSpan.FromSeconds(120));
        foreach (var task in received)
        {
            accepted[task] = await PostAcceptedAsync(service, task);
        }

        await service.KillAsync();
        await service.StartAsync();

        await Task.WhenAll(accepted.Keys.Select(t => t.FinalAsync(Wait)));
        foreach (var (task, window) in accepted)
        {
            await WaitDeliveredAsync(service, task.Finals.First().Url!); // nothing more will be sent: the grain recorded the delivery
            // A final accepted in the instant before the kill, before the grain recorded it, is sent again after the
            // restart and answered 409 (the task result is terminal): at least once, never accepted twice.
            var final = Assert.Single(task.Finals);
            var (status, snapshot) = await service.GetDetailsAsync(final.Url!); // the link sent before the crash still answers
            Assert.Equal(HttpStatusCode.OK, status);
            var acceptedAt = snapshot.GetProperty("acceptedAt").GetDateTimeOffset();
            Assert.Equal(acceptedAt + TimeSpan.FromSeconds(40), snapshot.GetProperty("deadline").GetDateTimeOffset());
            // Deadlines count from when the request was stored, also for one still in the inbox at the crash.
            Assert.InRange(acceptedAt, window.Before.AddSeconds(-1), window.After.AddSeconds(1));
        }
    }

    [Fact]
    public async Task A_graceful_stop_and_a_restart_lose_nothing_and_accept_no_final_twice()
    {
        _hcp.RejectRepeatedFinals = false; // a graceful stop records every answer: the first repeated final trips the fake
        await using var service = EmbeddedProcess.Create(_hcp, _data);
        await service.StartAsync();
        var tasks = Enumerable.Range(0, 6).Select(_ => _hcp.AddTask(SmallPlan)).ToList();
        tasks.Take(3).ToList().ForEach(t => t.PlanFaults.Enqueue(FakeTask.Hang));
        foreach (var task in tasks)
        {
            await PostAcceptedAsync(service, task);
        }

        Assert.Equal(0, await service.TerminateAsync(TimeSpan.FromSeconds(60)));
        await service.StartAsync();

        await Task.WhenAll(tasks.Select(t => t.FinalAsync(Wait)));
        foreach (var task in tasks)
        {
            await WaitDeliveredAsync(service, task.Finals.First().Url!);
            Assert.Single(task.Finals);
        }
    }

    [Fact]
    public async Task A_second_process_on_the_same_file_refuses_to_start_naming_the_file_and_the_holder()
    {
        await using var first = EmbeddedProcess.Create(_hcp, _data);
        await first.StartAsync();
        await using var second = EmbeddedProcess.Create(_hcp, _data);

        var exitCode = await second.RunToExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(Path.Combine(_data, "runtasks.db"), second.Output, StringComparison.Ordinal);
        Assert.Contains($"process {first.Pid.ToString(CultureInfo.InvariantCulture)}", second.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await first.Http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task A_backup_taken_while_the_service_runs_holds_its_task_results()
    {
        await using var service = EmbeddedProcess.Create(_hcp, _data);
        await service.StartAsync();
        var task = _hcp.AddTask(SmallPlan);
        await PostAcceptedAsync(service, task);
        await task.FinalAsync(Wait);
        await WaitDeliveredAsync(service, task.Finals.First().Url!);
        var copy = Path.Combine(_data, "copy.db");

        var (exitCode, output) = await EmbeddedProcess.BackupAsync(_data, copy);

        Assert.True(exitCode == 0, output);
        using var connection = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM OrleansStorage WHERE GrainIdExtensionString LIKE '%' || @id";
        command.Parameters.AddWithValue("@id", task.TaskResultId);
        Assert.Equal(1L, (long)command.ExecuteScalar()!);
    }

    private async Task<(DateTimeOffset Before, DateTimeOffset After)> PostAcceptedAsync(EmbeddedProcess service, FakeTask task)
    {
        var before = DateTimeOffset.UtcNow;
        using var response = await service.PostAsync(_hcp.Payload(task));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (before, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Until the running process's details say delivered. That is the state it persisted (after a kill -9 its log may
    /// speak of a first life), and another process offers no change feed, so its page is read again every 100 ms.
    /// </summary>
    private static async Task WaitDeliveredAsync(EmbeddedProcess service, string detailsUrl)
    {
        await WaitUntilAsync(async () =>
        {
            var (status, snapshot) = await service.GetDetailsAsync(detailsUrl);
            return status == HttpStatusCode.OK && snapshot.GetProperty("phase").GetString() == "done"
                && snapshot.GetProperty("delivery").GetString() == "delivered";
        });
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(120);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the condition did not hold within 120 s");
            await Task.Delay(100);
        }
    }
}

using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RunTasks.Grains.Inbox;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.IntegrationTests.Postgres;
using RunTasks.Silo.Schema;

namespace RunTasks.IntegrationTests.Failover;

/// <summary>The inbox table's contract on real PostgreSQL: insert-if-absent, leases that keep silos apart, the hand-over grace.</summary>
[SuppressMessage("Naming", "CA1707", Justification = "Test names are sentences.")]
public sealed class InboxStoreTests(PostgresFixture pg) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(20);

    public Task InitializeAsync() => new SchemaMigrator(pg.ConnectionString, NullLogger<SchemaMigrator>.Instance).ApplyAsync(CancellationToken.None);

    [Fact]
    public async Task A_second_delivery_of_a_task_result_is_recorded_as_a_duplicate()
    {
        await using var inbox = new InboxStore(pg.ConnectionString);
        var request = Request();

        Assert.True(await inbox.TryAddAsync(request, CancellationToken.None));
        Assert.False(await inbox.TryAddAsync(request with { Stage = "pre_apply" }, CancellationToken.None));
    }

    [Fact]
    public async Task A_row_younger_than_the_hand_over_grace_is_left_to_the_api()
    {
        await using var inbox = new InboxStore(pg.ConnectionString);
        var request = Request();
        await inbox.TryAddAsync(request, CancellationToken.None);

        var claimed = await inbox.ClaimAsync(TimeSpan.FromMinutes(1), Lease, 1000, CancellationToken.None);

        Assert.DoesNotContain(claimed, r => r.TaskResultId == request.TaskResultId);
    }

    [Fact]
    public async Task A_leased_row_is_claimed_once_until_its_lease_lapses_and_comes_back_intact()
    {
        await using var inbox = new InboxStore(pg.ConnectionString);
        var request = Request();
        await inbox.TryAddAsync(request, CancellationToken.None);
        await BackdateAsync(request.TaskResultId);

        var first = await inbox.ClaimAsync(TimeSpan.FromSeconds(1), Lease, 1000, CancellationToken.None);
        var second = await inbox.ClaimAsync(TimeSpan.FromSeconds(1), Lease, 1000, CancellationToken.None);

        Assert.Equal(request, Assert.Single(first, r => r.TaskResultId == request.TaskResultId));
        Assert.DoesNotContain(second, r => r.TaskResultId == request.TaskResultId);
    }

    [Fact]
    public async Task A_released_row_can_be_claimed_again_at_once()
    {
        await using var inbox = new InboxStore(pg.ConnectionString);
        var request = Request();
        await inbox.TryAddAsync(request, CancellationToken.None);
        await BackdateAsync(request.TaskResultId);
        await inbox.ClaimAsync(TimeSpan.FromSeconds(1), Lease, 1000, CancellationToken.None);

        await inbox.ReleaseAsync(request.TaskResultId, CancellationToken.None);

        Assert.Contains(await inbox.ClaimAsync(TimeSpan.FromSeconds(1), Lease, 1000, CancellationToken.None), r => r.TaskResultId == request.TaskResultId);
    }

    [Fact]
    public async Task A_deleted_row_is_never_claimed()
    {
        await using var inbox = new InboxStore(pg.ConnectionString);
        var request = Request();
        await inbox.TryAddAsync(request, CancellationToken.None);
        await BackdateAsync(request.TaskResultId);

        await inbox.DeleteAsync(request.TaskResultId, CancellationToken.None);

        Assert.DoesNotContain(await inbox.ClaimAsync(TimeSpan.Zero, Lease, 1000, CancellationToken.None), r => r.TaskResultId == request.TaskResultId);
    }

    private static RunTaskRequest Request() => new(
        "taskrs-" + Guid.NewGuid().ToString("N")[..16], "post_plan", "https://app.terraform.io/api/v2/task-results/x/callback",
        "https://app.terraform.io/api/v2/plans/p/json-output", new AccessToken("protected-token-bytes"), true,
        "acme", "Default Project", "networking", "run-1", "mandatory", false);

    /// <summary>Makes the row look left behind: accepted a minute ago.</summary>
    private async Task BackdateAsync(string taskResultId)
    {
        await using var connection = new NpgsqlConnection(pg.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE runtasks_inbox SET accepted_at = now() - interval '1 minute' WHERE task_result_id = @id", connection);
        command.Parameters.AddWithValue("id", taskResultId);
        await command.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

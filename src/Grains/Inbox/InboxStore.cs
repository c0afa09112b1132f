using Npgsql;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Inbox;

/// <summary>
/// The <c>runtasks_inbox</c> table: accepted requests not yet taken by their grain. Shared by the Api (insert, delete
/// after hand-over) and the silos' pump (claim rows left behind, delete after submit). Requests stored here carry
/// their access token encrypted.
/// </summary>
public sealed class InboxStore : IInboxStore, IAsyncDisposable
{
    /// <summary>Short timeouts: a hook must be answered within seconds, so a stalled database means 503, not a wait.</summary>
    private const int TimeoutSeconds = 3;

    private readonly NpgsqlDataSource _dataSource;

    public InboxStore(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Timeout = TimeoutSeconds,
            CommandTimeout = TimeoutSeconds,
        };
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>Records the request; false when a row for its task result already exists (a duplicate delivery).</summary>
    public async Task<bool> TryAddAsync(RunTaskRequest protectedRequest, CancellationToken cancellationToken)
    {
        const string sql = "INSERT INTO runtasks_inbox (task_result_id, request) VALUES (@id, @request) ON CONFLICT (task_result_id) DO NOTHING";
        return await ExecuteAsync(sql, cancellationToken, ("id", protectedRequest.TaskResultId), ("request", InboxRequestJson.Write(protectedRequest))) == 1;
    }

    /// <summary>Gives a leased row back at once, for another silo to take without waiting for the lease to lapse.</summary>
    public async Task ReleaseAsync(string taskResultId, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE runtasks_inbox SET claimed_until = NULL WHERE task_result_id = @id", cancellationToken, ("id", taskResultId));

    public async Task DeleteAsync(string taskResultId, CancellationToken cancellationToken) =>
        await ExecuteAsync("DELETE FROM runtasks_inbox WHERE task_result_id = @id", cancellationToken, ("id", taskResultId));

    /// <summary>
    /// Leases up to <paramref name="limit"/> rows accepted more than <paramref name="olderThan"/> ago and not leased by
    /// another silo; SKIP LOCKED lets silos claim side by side without waiting on each other.
    /// </summary>
    public async Task<IReadOnlyList<RunTaskRequest>> ClaimAsync(TimeSpan olderThan, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE runtasks_inbox SET claimed_until = now() + @lease, attempts = attempts + 1
            WHERE task_result_id IN (
                SELECT task_result_id FROM runtasks_inbox
                WHERE accepted_at < now() - @age AND (claimed_until IS NULL OR claimed_until < now())
                ORDER BY accepted_at
                LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            RETURNING request
            """;
        var claimed = new List<RunTaskRequest>();
        try
        {
            await using var command = _dataSource.CreateCommand(sql);
            command.Parameters.AddWithValue("lease", lease);
            command.Parameters.AddWithValue("age", olderThan);
            command.Parameters.AddWithValue("limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(InboxRequestJson.Read(reader.GetString(0)));
            }
        }
        catch (NpgsqlException)
        {
            _dataSource.Clear();
            throw;
        }
        return claimed;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        try
        {
            await using var command = _dataSource.CreateCommand(sql);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException)
        {
            // Pooled connections may all be dead after a database restart; drop them so the next call opens fresh ones.
            _dataSource.Clear();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}

using Microsoft.Data.Sqlite;
using RunTasks.Grains.Inbox;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Storage;

/// <summary>Embedded mode's inbox in the data file: the request is committed (and synced to disk) before the 200.</summary>
public sealed class SqliteInboxStore(DataFile file, TimeProvider time) : IInboxStore
{
    public Task<bool> TryAddAsync(RunTaskRequest protectedRequest, CancellationToken cancellationToken) => Run(connection =>
        Execute(connection, "INSERT INTO runtasks_inbox (task_result_id, request, accepted_at) VALUES (@id, @request, @now) ON CONFLICT DO NOTHING",
            ("@id", protectedRequest.TaskResultId), ("@request", InboxRequestJson.Write(protectedRequest)), ("@now", Now())) == 1, cancellationToken);

    public Task ReleaseAsync(string taskResultId, CancellationToken cancellationToken) => Run(connection =>
        Execute(connection, "UPDATE runtasks_inbox SET claimed_until = NULL WHERE task_result_id = @id", ("@id", taskResultId)), cancellationToken);

    public Task DeleteAsync(string taskResultId, CancellationToken cancellationToken) => Run(connection =>
        Execute(connection, "DELETE FROM runtasks_inbox WHERE task_result_id = @id", ("@id", taskResultId)), cancellationToken);

    public Task<IReadOnlyList<RunTaskRequest>> ClaimAsync(TimeSpan olderThan, TimeSpan lease, int limit, CancellationToken cancellationToken) => Run(connection =>
    {
        var now = Now();
        using var command = Command(connection,
            """
            UPDATE runtasks_inbox SET claimed_until = @until, attempts = attempts + 1
            WHERE task_result_id IN (
                SELECT task_result_id FROM runtasks_inbox
                WHERE accepted_at < @cutoff AND (claimed_until IS NULL OR claimed_until < @now)
                ORDER BY accepted_at
                LIMIT @limit)
            RETURNING request
            """,
            ("@until", now + (long)lease.TotalMilliseconds), ("@cutoff", now - (long)olderThan.TotalMilliseconds), ("@now", now), ("@limit", limit));
        using var reader = command.ExecuteReader();
        var claimed = new List<RunTaskRequest>();
        while (reader.Read())
        {
            claimed.Add(InboxRequestJson.Read(reader.GetString(0)));
        }

        return (IReadOnlyList<RunTaskRequest>)claimed;
    }, cancellationToken);

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Off the caller's thread: a commit waits for the disk.</summary>
    private Task<T> Run<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken) => Task.Run(() =>
    {
        using var connection = file.Connect();
        return work(connection);
    }, cancellationToken);

    private static int Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}

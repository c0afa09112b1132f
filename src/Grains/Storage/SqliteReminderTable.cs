using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace RunTasks.Grains.Storage;

/// <summary>
/// Orleans reminders in the data file (Orleans ships no SQLite reminder table). Same contract as the ADO.NET one:
/// rows keyed by grain and name, ranges over the grain's uniform hash, an ETag that changes on every write.
/// </summary>
public sealed class SqliteReminderTable(DataFile file, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at, period, etag";

    private readonly string _serviceId = cluster.Value.ServiceId;

    public Task Init() => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) => Run(connection =>
        new ReminderTableData(Query(connection, $"SELECT {Columns} FROM runtasks_reminders WHERE service_id = @service AND grain_id = @grain",
            ("@grain", grainId.ToString()))));

    /// <summary>Rows whose hash is in (begin, end], or outside (end, begin] when the range wraps.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => Run(connection =>
        new ReminderTableData(Query(connection,
            begin < end
                ? $"SELECT {Columns} FROM runtasks_reminders WHERE service_id = @service AND grain_hash > @begin AND grain_hash <= @end"
                : $"SELECT {Columns} FROM runtasks_reminders WHERE service_id = @service AND (grain_hash > @begin OR grain_hash <= @end)",
            ("@begin", (long)begin), ("@end", (long)end))));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => Run(connection =>
        Query(connection, $"SELECT {Columns} FROM runtasks_reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name",
            ("@grain", grainId.ToString()), ("@name", reminderName)).SingleOrDefault());

    public Task<string?> UpsertRow(ReminderEntry entry) => Run(connection =>
    {
        var etag = Guid.NewGuid().ToString("N");
        Execute(connection,
            """
            INSERT INTO runtasks_reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period, etag)
            VALUES (@service, @grain, @name, @hash, @start, @period, @etag)
            ON CONFLICT (service_id, grain_id, reminder_name)
            DO UPDATE SET start_at = excluded.start_at, period = excluded.period, etag = excluded.etag
            """,
            ("@grain", entry.GrainId.ToString()), ("@name", entry.ReminderName), ("@hash", (long)entry.GrainId.GetUniformHashCode()),
            ("@start", entry.StartAt.ToUniversalTime().Ticks), ("@period", entry.Period.Ticks), ("@etag", etag));
        return (string?)etag;
    });

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => Run(connection =>
        Execute(connection, "DELETE FROM runtasks_reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name AND etag = @etag",
            ("@grain", grainId.ToString()), ("@name", reminderName), ("@etag", eTag)) == 1);

    public Task TestOnlyClearTable() => Run(connection => Execute(connection, "DELETE FROM runtasks_reminders WHERE service_id = @service"));

    /// <summary>Off the Orleans scheduler: a commit waits for the disk.</summary>
    private Task<T> Run<T>(Func<SqliteConnection, T> work) => Task.Run(() =>
    {
        using var connection = file.Connect();
        return work(connection);
    });

    private List<ReminderEntry> Query(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var entries = new List<ReminderEntry>();
        while (reader.Read())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetString(4),
            });
        }

        return entries;
    }

    private int Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@service", _serviceId);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}

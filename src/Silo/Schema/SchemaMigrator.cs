using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace RunTasks.Silo.Schema;

/// <summary>
/// Applies the PostgreSQL schema embedded in this assembly (Schema/*.sql, in file-name order) in one
/// transaction. The scripts are idempotent, so running this on every start is harmless; a transaction-scoped
/// advisory lock makes silos that start at the same moment take turns instead of racing on CREATE.
/// </summary>
public sealed partial class SchemaMigrator(string connectionString, ILogger<SchemaMigrator> logger)
{
    /// <summary>The advisory lock key: the ASCII bytes of "RunTasks".</summary>
    public const long AdvisoryLockKey = 0x52756E5461736B73;

    private const string ResourcePrefix = "RunTasks.Silo.Schema.";

    /// <summary>The embedded script names (for example "001-main.sql"), in the order they are applied.</summary>
    public static IReadOnlyList<string> ScriptNames { get; } = typeof(SchemaMigrator).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToArray();

    public async Task ApplyAsync(CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (ScriptNames.Count == 0)
        {
            throw new InvalidOperationException($"No embedded schema scripts named {ResourcePrefix}*.sql were found.");
        }

        var started = Stopwatch.GetTimestamp();
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        foreach (var name in ScriptNames)
        {
            var sql = await ReadScriptAsync(name, ct);
            await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 120 };
            await command.ExecuteNonQueryAsync(ct);
            LogScriptApplied(logger, name);
        }

        await transaction.CommitAsync(ct);
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogSchemaApplied(logger, ScriptNames.Count, connection.Database, elapsedMs);
    }

    // A database container that has only just started may refuse connections for a few seconds.
    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        const int MaxAttempts = 15;
        for (var attempt = 1; ; attempt++)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(ct);
                return connection;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && attempt < MaxAttempts)
            {
                await connection.DisposeAsync();
                LogDatabaseUnavailable(logger, attempt, MaxAttempts, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
    }

    private static async Task<string> ReadScriptAsync(string name, CancellationToken ct)
    {
        await using var stream = typeof(SchemaMigrator).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"Embedded schema script {name} is missing.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL is not reachable yet (attempt {Attempt} of {MaxAttempts}): {Reason}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, int attempt, int maxAttempts, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Applied schema script {Script}")]
    private static partial void LogScriptApplied(ILogger logger, string script);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL schema is up to date: {Count} scripts applied to database {Database} in {ElapsedMs:F0} ms")]
    private static partial void LogSchemaApplied(ILogger logger, int count, string database, double elapsedMs);
}

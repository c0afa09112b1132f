using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace RunTasks.Api.Health;

/// <summary>
/// Ready only when PostgreSQL answers: in cluster mode every accepted request is recorded there before the 200, so
/// without it the Api can only answer 503. Short timeouts keep a probe against a stalled database within seconds.
/// </summary>
public sealed class PostgresHealthCheck(string connectionString) : IHealthCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
    {
        Timeout = (int)Limit.TotalSeconds,
        CommandTimeout = (int)Limit.TotalSeconds,
        Pooling = false, // a pooled connection may be a dead one from before a database restart
    }.ConnectionString;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).WaitAsync(Limit, cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1 FROM runtasks_inbox LIMIT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken).WaitAsync(Limit, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL cannot record requests", e);
        }
    }
}

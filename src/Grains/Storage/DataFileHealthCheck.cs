using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RunTasks.Grains.Storage;

/// <summary>Readiness: the data file's path, whether it takes writes now, and its schema version.</summary>
public sealed class DataFileHealthCheck(DataFile file) : IHealthCheck
{
    public const string Name = "datafile";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var writable = await Task.Run(file.IsWritable, cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["path"] = file.Path,
            ["writable"] = writable,
            ["schema_version"] = file.SchemaVersion,
        };
        var description = $"{file.Path}: {(writable ? "writable" : "NOT writable")}, schema version {file.SchemaVersion}";
        return writable ? HealthCheckResult.Healthy(description, data) : HealthCheckResult.Unhealthy(description, data: data);
    }
}

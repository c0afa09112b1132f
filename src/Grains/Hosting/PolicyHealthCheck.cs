using Microsoft.Extensions.Diagnostics.HealthChecks;
using RunTasks.Analysis;

namespace RunTasks.Grains.Hosting;

/// <summary>
/// Degraded while the last policy reload failed: runs are still judged, but by the previous sets, not the files on disk.
/// </summary>
public sealed class PolicyHealthCheck(IPolicyProvider provider) : IHealthCheck
{
    public const string Name = "policies";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (provider is not PolicyDirectoryProvider directory)
        {
            return Task.FromResult(HealthCheckResult.Healthy("built-in default policy set"));
        }

        var data = new Dictionary<string, object> { ["directory"] = directory.Directory };
        if (directory.LastError is not { } error)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{directory.Sets.Count} policy set(s) from {directory.Directory}", data));
        }

        data["error"] = error;
        return Task.FromResult(HealthCheckResult.Degraded($"policy reload failed, previous sets in force: {error}", data: data));
    }
}

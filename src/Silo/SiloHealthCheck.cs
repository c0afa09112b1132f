using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RunTasks.Silo;

/// <summary>Ready when this silo is an active member of the cluster.</summary>
public sealed class SiloHealthCheck(ILocalSiloDetails silo, IClusterMembershipService membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"{silo.Name} active")
            : HealthCheckResult.Unhealthy($"{silo.Name} is {status}"));
    }
}

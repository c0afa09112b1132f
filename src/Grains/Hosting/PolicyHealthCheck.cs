using Microsoft.Extensions.Diagnostics.HealthChecks;
using RunTasks.Analysis.Policies;

namespace RunTasks.Grains.Hosting;

/// <summary>
/// Says where the policy sets in force come from (the built-in default set, or the directory), and is Degraded while the
/// last reload failed (a broken file, the directory gone or emptied): runs are still judged, but by the previous sets.
/// </summary>
public sealed class PolicyHealthCheck(IPolicyProvider provider) : IHealthCheck
{
    public const string Name = "policies";

    /// <summary>The <c>source</c> data value when <c>RunTasks:PolicyPath</c> is not set.</summary>
    public const string BuiltInSource = "built-in default set";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (provider is not PolicyDirectoryProvider directory)
        {
            return Task.FromResult(HealthCheckResult.Healthy(
                "built-in default policy set (RunTasks:PolicyPath is not set)",
                new Dictionary<string, object> { ["source"] = BuiltInSource }));
        }

        var sets = directory.Sets;
        var waivers = directory.Waivers.All.Count;
        var data = new Dictionary<string, object> { ["source"] = directory.Directory, ["directory"] = directory.Directory, ["sets"] = sets.Count, ["waivers"] = waivers };
        if (directory.LastError is not { } error)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{sets.Count} policy set(s) and {waivers} waiver(s) from {directory.Directory}", data));
        }

        data["error"] = error;
        return Task.FromResult(HealthCheckResult.Degraded($"policy reload failed, the previous {sets.Count} set(s) and {waivers} waiver(s) stay in force: {error}", data: data));
    }
}

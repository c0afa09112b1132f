using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RunTasks.Analysis.Policies;
using RunTasks.Api.Hosting;
using RunTasks.Grains.Hosting;
using RunTasks.Testing;

namespace RunTasks.Tests.Hosting;

public sealed class PolicyStartupCheckTests : IDisposable
{
    private const string ValidPolicy = "name: team\nrules:\n  drift:\n    enforcement: warning\n";
    private const string BrokenPolicy = "name: team\nrules:\n  drift:\n    enforcement: sometimes\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("runtasks-policies-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Broken_policy_file_stops_the_host_at_start_up_naming_the_file()
    {
        File.WriteAllText(Path.Combine(_directory, "team.yaml"), BrokenPolicy);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IPolicyProvider>(_ => new PolicyDirectoryProvider(_directory));
        builder.Services.AddHostedService<PolicyStartupCheck>();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<PolicyLoadException>(() => host.StartAsync());

        Assert.Contains("team.yaml", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_policy_path_stops_the_host_at_start_up_naming_the_path()
    {
        var missing = Path.Combine(_directory, "mypoll");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IPolicyProvider>(_ => new PolicyDirectoryProvider(missing));
        builder.Services.AddHostedService<PolicyStartupCheck>();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<PolicyLoadException>(() => host.StartAsync());

        Assert.Contains("RunTasks:PolicyPath", failure.Message, StringComparison.Ordinal);
        Assert.Contains(missing, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emptied_policy_directory_turns_the_health_check_degraded_and_keeps_the_sets()
    {
        var file = Path.Combine(_directory, "team.yaml");
        File.WriteAllText(file, ValidPolicy);
        using var provider = new PolicyDirectoryProvider(_directory);
        File.Delete(file);
        provider.Reload();

        var result = await new PolicyHealthCheck(provider).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("holds no policy file", result.Description, StringComparison.Ordinal);
        Assert.Equal("team", Assert.Single(provider.Sets).Name);
    }

    [Fact]
    public async Task Deleted_policy_directory_is_logged_as_an_error_and_turns_the_health_check_degraded()
    {
        var policies = Directory.CreateDirectory(Path.Combine(_directory, "policies")).FullName;
        File.WriteAllText(Path.Combine(policies, "team.yaml"), ValidPolicy);
        using var provider = new PolicyDirectoryProvider(policies);
        using var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(l => l.AddProvider(logs));
        using var check = new PolicyStartupCheck(new ServiceCollection().AddSingleton<IPolicyProvider>(provider).BuildServiceProvider(), loggers.CreateLogger<PolicyStartupCheck>());
        await check.StartingAsync(CancellationToken.None);

        Directory.Delete(policies, recursive: true);
        provider.Reload();
        var result = await new PolicyHealthCheck(provider).CheckHealthAsync(new HealthCheckContext());

        Assert.Contains(logs.Text.Split('\n'), line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("does not exist", StringComparison.Ordinal));
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains(policies, (string)result.Data["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Built_in_defaults_are_named_as_the_source()
    {
        var result = await new PolicyHealthCheck(DefaultPolicies.Provider).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(PolicyHealthCheck.BuiltInSource, result.Data["source"]);
    }

    [Fact]
    public async Task Failed_reload_makes_the_policy_health_check_degraded_with_the_error()
    {
        var file = Path.Combine(_directory, "team.yaml");
        File.WriteAllText(file, ValidPolicy);
        using var provider = new PolicyDirectoryProvider(_directory);
        File.WriteAllText(file, BrokenPolicy);
        provider.Reload();

        var result = await new PolicyHealthCheck(provider).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("team.yaml", (string)result.Data["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_reload_is_logged_as_an_error_naming_the_file()
    {
        var file = Path.Combine(_directory, "team.yaml");
        File.WriteAllText(file, ValidPolicy);
        using var provider = new PolicyDirectoryProvider(_directory);
        using var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(l => l.AddProvider(logs));
        using var check = new PolicyStartupCheck(new ServiceCollection().AddSingleton<IPolicyProvider>(provider).BuildServiceProvider(), loggers.CreateLogger<PolicyStartupCheck>());
        await check.StartingAsync(CancellationToken.None);

        File.WriteAllText(file, BrokenPolicy);
        provider.Reload();

        Assert.Contains(logs.Text.Split('\n'), line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("team.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Loaded_policy_directory_is_healthy()
    {
        File.WriteAllText(Path.Combine(_directory, "team.yaml"), ValidPolicy);
        using var provider = new PolicyDirectoryProvider(_directory);

        var result = await new PolicyHealthCheck(provider).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(provider.Directory, result.Data["source"]);
    }
}

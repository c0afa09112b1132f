using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RunTasks.Analysis;

namespace RunTasks.Grains.Hosting;

/// <summary>
/// Loads the policy sets before the silo starts, so a broken policy file stops the process with a message naming the file
/// instead of failing the first grain activation; afterwards it logs every reload that failed.
/// </summary>
public sealed partial class PolicyStartupCheck(IServiceProvider services, ILogger<PolicyStartupCheck> logger) : IHostedLifecycleService, IDisposable
{
    private PolicyDirectoryProvider? _directory;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        IPolicyProvider provider;
        try
        {
            provider = services.GetRequiredService<IPolicyProvider>();
        }
        catch (PolicyLoadException exception)
        {
            LogInvalidPolicies(logger, exception.Message);
            throw;
        }

        if (provider is PolicyDirectoryProvider directory)
        {
            _directory = directory;
            directory.Reloaded += OnReloaded;
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        if (_directory is not null)
        {
            _directory.Reloaded -= OnReloaded;
        }
    }

    private void OnReloaded(object? sender, EventArgs e)
    {
        if (sender is PolicyDirectoryProvider { LastError: { } error })
        {
            LogReloadFailed(logger, error);
        }
        else if (sender is PolicyDirectoryProvider directory)
        {
            LogReloaded(logger, directory.Directory, directory.Sets.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The policy sets could not be loaded: {Error}")]
    private static partial void LogInvalidPolicies(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Policy reload failed; the previous policy sets stay in force: {Error}")]
    private static partial void LogReloadFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Policies reloaded from {Directory}: {Count} set(s)")]
    private static partial void LogReloaded(ILogger logger, string directory, int count);
}

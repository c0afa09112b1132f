using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RunTasks.Analysis.Policies;

namespace RunTasks.Grains.Hosting;

/// <summary>
/// Loads the policy sets before the silo starts, so a broken policy file, or a <c>RunTasks:PolicyPath</c> that is missing,
/// unreadable or empty, stops the process with a message naming the path instead of judging runs by other rules;
/// afterwards it logs every reload that failed.
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

            // One line naming the setting, for whoever reads why the process stopped.
            throw new PolicyLoadException($"RunTasks:PolicyPath: {exception.Message}", exception);
        }

        if (provider is PolicyDirectoryProvider directory)
        {
            _directory = directory;
            directory.Reloaded += OnReloaded;
            LogReloaded(logger, directory.Directory, directory.Sets.Count);
        }
        else
        {
            LogBuiltInDefaults(logger);
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

    [LoggerMessage(Level = LogLevel.Critical, Message = "The policy sets could not be loaded (RunTasks:PolicyPath): {Error}")]
    private static partial void LogInvalidPolicies(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Policy reload failed; the previous policy sets stay in force: {Error}")]
    private static partial void LogReloadFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Policies loaded from {Directory}: {Count} set(s)")]
    private static partial void LogReloaded(ILogger logger, string directory, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Policies: the built-in default set (RunTasks:PolicyPath is not set)")]
    private static partial void LogBuiltInDefaults(ILogger logger);
}

using Microsoft.Extensions.Logging;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Security;

namespace RunTasks.Grains.Inbox;

/// <summary>
/// Runs on every silo while it is active: re-submits inbox rows whose hand-over by the Api did not complete (the Api
/// died, its grain's silo died mid-call, the call timed out) and deletes them once their grain has them. Rows are
/// leased, so two silos do not submit the same request; a duplicate submit would be harmless anyway.
/// </summary>
public sealed partial class InboxPump(
    IInboxStore inbox,
    IGrainFactory grains,
    AccessTokenProtector tokens,
    TimeProvider time,
    ILogger<InboxPump> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>How often the inbox is looked at.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    /// <summary>Rows younger than this are the Api's own hand-overs still in flight; leaving them avoids double work.</summary>
    public static readonly TimeSpan HandOverGrace = TimeSpan.FromSeconds(3);

    /// <summary>Longer than <see cref="SubmitTimeout"/>: a lease lapses only when its silo has given up or died.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(20);

    /// <summary>A submit to a grain whose silo is dead but not yet declared so gives up here and is retried after the lease.</summary>
    public static readonly TimeSpan SubmitTimeout = TimeSpan.FromSeconds(10);

    private const int BatchSize = 200;

    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(InboxPump), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops first on shutdown (the Active stage ends before grains deactivate); leased rows return to the others.</summary>
    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var full = false;
            try
            {
                var batch = await inbox.ClaimAsync(HandOverGrace, Lease, BatchSize, stopping);
                if (batch.Count > 0)
                {
                    var submitted = await Task.WhenAll(batch.Select(request => SubmitAsync(request, stopping)));
                    var handed = submitted.Count(ok => ok);
                    LogRedriven(logger, handed, batch.Count);
                }
                full = batch.Count == BatchSize;
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                LogPumpFailed(logger, e.Message);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (full)
            {
                continue; // more rows are waiting
            }

            try
            {
                await Task.Delay(Period, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> SubmitAsync(RunTaskRequest stored, CancellationToken stopping)
    {
        try
        {
            var request = tokens.Unprotect(stored);
            await grains.GetGrain<ITaskResultGrain>(request.TaskResultId).Submit(request).WaitAsync(SubmitTimeout, time, stopping);
            await inbox.DeleteAsync(request.TaskResultId, stopping);
            return true;
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            LogSubmitFailed(logger, stored.TaskResultId, e.GetType().Name, e.Message);
            return false;
        }
        catch (Exception)
        {
            // Stopping: whatever the submit was doing is abandoned.
            await ReleaseAsync(stored.TaskResultId);
            return false;
        }
    }

    /// <summary>This silo is stopping: the other silos may take the row now rather than after the lease.</summary>
    private async Task ReleaseAsync(string taskResultId)
    {
        try
        {
            await inbox.ReleaseAsync(taskResultId, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The lease lapses by itself.
            LogReleaseFailed(logger, taskResultId, e.Message);
        }
    }

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbox: {Submitted} of {Claimed} request(s) left behind were handed to their grains")]
    private static partial void LogRedriven(ILogger logger, int submitted, int claimed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox: request for {TaskResultId} not handed over yet ({Error}: {Reason}); retried when its lease lapses")]
    private static partial void LogSubmitFailed(ILogger logger, string taskResultId, string error, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inbox: lease of {TaskResultId} not released: {Reason}")]
    private static partial void LogReleaseFailed(ILogger logger, string taskResultId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox: could not read the inbox: {Reason}")]
    private static partial void LogPumpFailed(ILogger logger, string reason);
}

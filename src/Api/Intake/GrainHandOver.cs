using System.Threading.Channels;
using RunTasks.Api.Hosting;
using RunTasks.Grains.Hosting;
using RunTasks.Grains.Inbox;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Api.Intake;

/// <summary>
/// Hands recorded requests to their grains off the response path and deletes the inbox row once the grain has it.
/// Anything that fails, times out or does not fit here stays in the inbox for the silos' pump.
/// </summary>
public sealed partial class GrainHandOver(IGrainFactory grains, IInboxStore inbox, TimeProvider time, ILogger<GrainHandOver> logger) : BackgroundService
{
    /// <summary>Hand-overs in flight at once; calls stuck on a dead silo must not hold up the others.</summary>
    private const int Concurrency = 256;

    private readonly Channel<RunTaskRequest> _queue = Channel.CreateBounded<RunTaskRequest>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    // Not disposed: hand-overs cancelled at shutdown still release their slot after the service is gone.
    private readonly SemaphoreSlim _slots = new(Concurrency);

    /// <summary>Never waits: a full queue leaves the request to the pump.</summary>
    public void Enqueue(RunTaskRequest request) => _queue.Writer.TryWrite(request);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var request in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await _slots.WaitAsync(stoppingToken);
                _ = HandOverAsync(request, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: queued requests stay in the inbox, where the pump finds them.
        }
    }

    private async Task HandOverAsync(RunTaskRequest request, CancellationToken stoppingToken)
    {
        try
        {
            await grains.GetGrain<ITaskResultGrain>(request.TaskResultId).Submit(request)
                .WaitAsync(FailureDetection.ResponseTimeout, time, stoppingToken);
            await inbox.DeleteAsync(request.TaskResultId, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            var error = e.GetType().Name;
            LogHandOverFailed(logger, request.TaskResultId, error, e.Message);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the row stays for the pump.
        }
        finally
        {
            _slots.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run task request for {TaskResultId} left in the inbox for the silos ({Error}: {Reason})")]
    private static partial void LogHandOverFailed(ILogger logger, string taskResultId, string error, string reason);
}

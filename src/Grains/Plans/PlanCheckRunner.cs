using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunTasks.Configuration;
using RunTasks.Lifecycle;
using RunTasks.TaskResults;

namespace RunTasks.Plans;

/// <summary>
/// Runs plan checks on the thread pool, off the grain's turn, so a task result keeps answering (and heartbeating)
/// while a large plan downloads. Each check renews its lease with the grain and reports exactly one verdict.
/// </summary>
public sealed partial class PlanCheckRunner(
    IGrainFactory grains,
    PlanDownloader downloader,
    IPlanAnalyser analyser,
    IOptions<RunTasksOptions> options,
    ILogger<PlanCheckRunner> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();
    private readonly CancellationTokenSource _stopping = new();

    public void Start(RunTaskRequest request, int attempt)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        if (_running.TryGetValue(request.TaskResultId, out var previous))
            previous.Cancel();
        _running[request.TaskResultId] = cancellation;
        _ = Task.Run(() => RunAsync(request, attempt, cancellation));
    }

    public void Cancel(string taskResultId)
    {
        if (_running.TryRemove(taskResultId, out var cancellation))
            cancellation.Cancel();
    }

    private async Task RunAsync(RunTaskRequest request, int attempt, CancellationTokenSource cancellation)
    {
        var grain = grains.GetGrain<ITaskResultGrain>(request.TaskResultId);
        var progress = new LeaseKeeper(grain, attempt);
        var renewEvery = options.Value.Deadlines.AnalysisLease / 3;
        using var renewal = new Timer(_ => progress.Renew(), null, renewEvery, renewEvery);
        try
        {
            var verdict = await CheckAsync(request, progress, cancellation.Token);
            await renewal.DisposeAsync();
            await grain.ReportVerdict(attempt, verdict);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The grain moved on (deadline, newer attempt, shutdown); it will not want this verdict.
        }
        catch (Exception e)
        {
            // Not reporting lets the lease lapse, and the grain starts a new attempt.
            LogCheckFailed(logger, e, request.TaskResultId, attempt);
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<string, CancellationTokenSource>(request.TaskResultId, cancellation));
            cancellation.Dispose();
        }
    }

    private async Task<Verdict> CheckAsync(RunTaskRequest request, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var delivery = options.Value.Delivery;
        var failures = 0;
        while (true)
        {
            try
            {
                await using var plan = await downloader.OpenAsync(request, cancellationToken);
                progress.Report("Checking plan");
                return await analyser.AnalyseAsync(plan, request, progress, cancellationToken);
            }
            catch (PlanUnavailableException e) when (!e.Transient)
            {
                return new Verdict(VerdictStatus.Failed, e.Message, []);
            }
            catch (Exception e) when (e is PlanUnavailableException or IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                var notReady = e is PlanUnavailableException { RetryAfter: not null };
                if (!notReady && ++failures >= delivery.PlanAttempts)
                    return new Verdict(VerdictStatus.Failed, $"Could not download the plan after {failures} attempts: {e.Message.TrimEnd('.')}.", []);
                progress.Report(notReady ? "Waiting for the plan JSON" : $"Fetching plan (attempt {failures + 1}; last: {e.Message})");
                var wait = e is PlanUnavailableException { RetryAfter: { } poll } ? poll : Backoff.Delay(failures, delivery.InitialBackoff, delivery.MaxBackoff);
                await Task.Delay(wait, cancellationToken);
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    /// <summary>Forwards progress to the grain and keeps re-sending the latest line so the lease stays fresh.</summary>
    private sealed class LeaseKeeper(ITaskResultGrain grain, int attempt) : IProgress<string>
    {
        private volatile string _message = "Fetching plan";

        public void Report(string value)
        {
            _message = value;
            Renew();
        }

        public void Renew() => _ = grain.ReportProgress(attempt, _message).ContinueWith(
            static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plan check of task result {TaskResultId}, attempt {Attempt}, failed; the grain will retry it")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string taskResultId, int attempt);
}

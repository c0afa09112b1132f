using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Lifecycle;
using RunTasks.Grains.Telemetry;

namespace RunTasks.Grains.Plans;

/// <summary>
/// Runs plan checks on the thread pool, off the grain's turn, so a task result keeps answering (and heartbeating)
/// while a large plan downloads. Each check renews its lease with the grain and reports exactly one verdict. At most
/// <see cref="DeliveryOptions.MaxConcurrentAnalyses"/> plans are read and judged at once per silo; the rest wait their
/// turn with their lease renewed (the watchdog covers a wait that runs too long).
/// </summary>
public sealed partial class PlanCheckRunner(
    IGrainFactory grains,
    PlanDownloader downloader,
    IPlanAnalyzer analyzer,
    ConfigurationCheck configuration,
    IOptions<RunTasksOptions> options,
    TimeProvider time,
    RunTasksMetrics metrics,
    ILogger<PlanCheckRunner> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, RunningCheck> _running = new();
    private const int HandOverAttempts = 5;
    private static readonly TimeSpan HandOverRetry = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _slots = new(options.Value.Delivery.EffectiveMaxConcurrentAnalyses);

    public void Start(RunTaskRequest request, int attempt, string checkToken)
    {
        var check = new RunningCheck(_stopping.Token);
        if (_running.TryGetValue(request.TaskResultId, out var previous))
        {
            previous.Cancel();
        }

        _running[request.TaskResultId] = check;
        _ = Task.Run(() => RunAsync(request, attempt, checkToken, check));
    }

    public void Cancel(string taskResultId)
    {
        if (_running.TryRemove(taskResultId, out var check))
        {
            check.Cancel();
        }
    }

    private async Task RunAsync(RunTaskRequest request, int attempt, string checkToken, RunningCheck check)
    {
        var grain = grains.GetGrain<ITaskResultReports>(request.TaskResultId);
        var progress = new LeaseKeeper(grain, checkToken);
        var renewEvery = options.Value.Deadlines.AnalysisLease / 3;
        using var renewal = time.CreateTimer(_ => progress.Renew(), null, renewEvery, renewEvery);
        try
        {
            Verdict verdict;
            var started = time.GetTimestamp();
            try
            {
                verdict = await CheckAsync(request, progress, check.Token);
                metrics.AnalysisDuration(time.GetElapsedTime(started));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A fault of the engine or a rule is final: checking the same plan again would fail again.
                LogCheckFailed(logger, e, request.TaskResultId, attempt);
                verdict = new Verdict(VerdictStatus.Failed, $"RunTasks could not check this plan: an internal error occurred ({e.GetType().Name}). The operators can find it in the service's log.", []);
            }
            await renewal.DisposeAsync();
            await HandOverAsync(grain, checkToken, verdict, check.Token);
        }
        catch (OperationCanceledException) when (check.Token.IsCancellationRequested)
        {
            // The grain moved on (deadline, newer attempt, shutdown); it will not want this verdict.
        }
        catch (Exception e)
        {
            // The verdict could not be handed over; the lease lapses and the grain starts a new attempt.
            LogReportFailed(logger, e, request.TaskResultId, attempt);
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<string, RunningCheck>(request.TaskResultId, check));
            check.Dispose();
        }
    }

    private async Task<Verdict> CheckAsync(RunTaskRequest request, IProgress<string> progress, CancellationToken cancellationToken)
    {
        if (request.Stage == "pre_plan")
        {
            // No plan yet: the configuration version is what there is to judge (it retries its own downloads).
            return await InSlotAsync(progress, () => configuration.RunAsync(request, progress, cancellationToken), cancellationToken);
        }

        var delivery = options.Value.Delivery;
        var failures = 0;
        while (true)
        {
            try
            {
                await using var plan = await downloader.OpenAsync(request, cancellationToken);
                return await InSlotAsync(progress, async () =>
                {
                    progress.Report("Checking plan");
                    var verdict = await analyzer.AnalyzeAsync(plan, request, progress, cancellationToken);
                    metrics.PlanBytes(plan.Position);
                    metrics.FindingsWaived(verdict.Outcomes);
                    return verdict;
                }, cancellationToken);
            }
            catch (PlanUnavailableException e) when (!e.Transient)
            {
                return new Verdict(VerdictStatus.Failed, e.Message, []);
            }
            catch (Exception e) when (e is PlanUnavailableException or IOException or HttpRequestException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                var notReady = e is PlanUnavailableException { RetryAfter: not null };
                if (!notReady && ++failures >= delivery.PlanAttempts)
                {
                    return new Verdict(VerdictStatus.Failed, $"Could not download the plan after {failures} attempts: {e.Message.TrimEnd('.')}.", []);
                }

                progress.Report(notReady ? "Waiting for the plan JSON" : $"Fetching plan (attempt {failures + 1}; last: {e.Message})");
                var wait = e is PlanUnavailableException { RetryAfter: { } poll } ? poll : Backoff.Delay(failures, delivery.InitialBackoff, delivery.MaxBackoff);
                await Task.Delay(wait, time, cancellationToken);
            }
        }
    }

    /// <summary>Runs <paramref name="judge"/> in one of the silo's analysis slots, waiting (and saying so) while none is free.</summary>
    private async Task<Verdict> InSlotAsync(IProgress<string> progress, Func<Task<Verdict>> judge, CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            progress.Report("Waiting for a free analysis slot");
            await _slots.WaitAsync(cancellationToken);
        }

        try
        {
            return await judge();
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// The grain answers in milliseconds (no turn of it waits on the network), so a failed hand-over is a passing fault
    /// (a silo stopping, storage slow): try again while the check is still wanted, rather than analyse the plan again.
    /// </summary>
    private async Task HandOverAsync(ITaskResultReports grain, string checkToken, Verdict verdict, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await grain.ReportVerdict(checkToken, verdict);
                return;
            }
            catch (Exception) when (attempt < HandOverAttempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(HandOverRetry * attempt, time, cancellationToken);
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _slots.Dispose();
    }

    /// <summary>One check's cancellation, owned by its run: a cancel from the grain and the run's own end never race.</summary>
    private sealed class RunningCheck : IDisposable
    {
        private readonly Lock _lock = new();
        private readonly CancellationTokenSource _source;
        private bool _disposed;

        public RunningCheck(CancellationToken stopping)
        {
            _source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            Token = _source.Token;
        }

        public CancellationToken Token { get; }

        public void Cancel()
        {
            lock (_lock)
            {
                if (!_disposed)
                {
                    _source.Cancel();
                }
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _disposed = true;
                _source.Dispose();
            }
        }
    }

    /// <summary>Forwards progress to the grain and keeps re-sending the latest line so the lease stays fresh.</summary>
    private sealed class LeaseKeeper(ITaskResultReports grain, string checkToken) : IProgress<string>
    {
        private volatile string _message = "Fetching plan";

        public void Report(string value)
        {
            _message = value;
            Renew();
        }

        public void Renew() => _ = grain.ReportProgress(checkToken, _message).ContinueWith(
            static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Plan check of task result {TaskResultId}, attempt {Attempt}, failed inside the engine; the result is failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string taskResultId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plan check of task result {TaskResultId}, attempt {Attempt}, could not report its verdict; the grain will retry it")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string taskResultId, int attempt);
}

using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunTasks.Grains.Lifecycle;

namespace RunTasks.Grains.History;

/// <summary>
/// The silo-local writer of the results store. A grain hands over its finished task result with <see cref="Offer"/>
/// (never a wait: a bounded queue); this service writes them in batches, retrying a failed batch with back-off. The
/// store ignores a task result it has already recorded, so offering one twice (a re-activated finished grain does) is
/// harmless. A full queue or a batch that keeps failing costs history rows (a metric and a log line), never a verdict.
/// </summary>
public sealed partial class HistoryRecorder : BackgroundService
{
    private const int MaxAttempts = 8;
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);

    private readonly IHistoryStore _store;
    private readonly HistoryOptions _options;
    private readonly HistoryMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<HistoryRecorder> _logger;
    private readonly Channel<HistoryEntry> _queue;

    public HistoryRecorder(IHistoryStore store, IOptions<HistoryOptions> options, HistoryMetrics metrics, TimeProvider time, ILogger<HistoryRecorder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<HistoryEntry>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then says false instead of dropping silently
            SingleReader = true,
        });
    }

    /// <summary>Raised after each batch is committed, with the entries it recorded (for tests and measurements).</summary>
    public event Action<IReadOnlyList<HistoryEntry>>? Written;

    /// <summary>Hands over a finished task result; false when there is nothing to record or no room (then logged and counted).</summary>
    public bool Offer(TaskResultState state)
    {
        if (!_options.Enabled || HistoryEntryBuilder.From(state) is not { } entry)
        {
            return false;
        }

        // A re-offer long after the fact (a grain woken at its own retention end) must not bring back a row retention removed.
        if (entry.Run.FinishedAt < _time.GetUtcNow() - _options.Retention)
        {
            return false;
        }

        if (_queue.Writer.TryWrite(entry))
        {
            return true;
        }

        _metrics.Entries("dropped", 1);
        LogDropped(_logger, entry.Run.TaskResultId, _options.QueueCapacity);
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<HistoryEntry>(_options.BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                Take(batch);
                await WriteWithRetriesAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is queued is written once more below.
        }

        Take(batch);
        while (batch.Count > 0)
        {
            await WriteOnceAsync(batch, CancellationToken.None);
            Take(batch);
        }
    }

    private void Take(List<HistoryEntry> batch)
    {
        batch.Clear();
        while (batch.Count < _options.BatchSize && _queue.Reader.TryRead(out var entry))
        {
            batch.Add(entry);
        }
    }

    private async Task WriteWithRetriesAsync(List<HistoryEntry> batch, CancellationToken stoppingToken)
    {
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Record(batch, await _store.WriteAsync(batch, stoppingToken));
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (attempt >= MaxAttempts)
                {
                    _metrics.Entries("failed", batch.Count);
                    LogGaveUp(_logger, e, batch.Count, attempt);
                    return;
                }

                LogRetrying(_logger, batch.Count, attempt, delay.TotalSeconds, e.Message);
                await Task.Delay(delay, _time, stoppingToken);
                delay = delay * 2 > MaxDelay ? MaxDelay : delay * 2;
            }
        }
    }

    private async Task WriteOnceAsync(List<HistoryEntry> batch, CancellationToken cancellationToken)
    {
        try
        {
            Record(batch, await _store.WriteAsync(batch, cancellationToken));
        }
        catch (Exception e)
        {
            _metrics.Entries("failed", batch.Count);
            LogGaveUp(_logger, e, batch.Count, 1);
        }
    }

    private void Record(List<HistoryEntry> batch, IReadOnlyList<HistoryEntry> written)
    {
        foreach (var entry in written)
        {
            _metrics.Recorded(entry);
        }

        if (batch.Count > written.Count)
        {
            _metrics.Entries("duplicate", batch.Count - written.Count);
        }

        LogWritten(_logger, written.Count, batch.Count - written.Count);
        Written?.Invoke(written);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Results store: {Recorded} task result(s) recorded, {Known} already there")]
    private static partial void LogWritten(ILogger logger, int recorded, int known);

    [LoggerMessage(Level = LogLevel.Error, Message = "Results store: task result {TaskResultId} not recorded: {Capacity} results already wait to be written (RunTasks:History:QueueCapacity)")]
    private static partial void LogDropped(ILogger logger, string taskResultId, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Results store: writing {Count} task result(s) failed (attempt {Attempt}); retrying in {DelaySeconds:F0} s: {Reason}")]
    private static partial void LogRetrying(ILogger logger, int count, int attempt, double delaySeconds, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Results store: {Count} task result(s) not recorded after {Attempts} attempt(s)")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, int count, int attempts);
}

namespace RunTasks.Grains.Outbound;

/// <summary>
/// The pace of one host: open by default, closed while the host's rate-limit window says so, and (when an operator
/// sets one) a fixed request rate. Waiters leave in priority order, so finals overtake heartbeats and plan downloads.
/// </summary>
internal sealed class HostGate : IDisposable
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _perSecond;
    private readonly Queue<TaskCompletionSource>[] _waiting = [new(), new(), new()];
    private readonly ITimer _release;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private double _tokens;
    private DateTimeOffset _refilledAt;

    public HostGate(TimeProvider time, int requestsPerSecond)
    {
        _time = time;
        _perSecond = requestsPerSecond;
        _tokens = requestsPerSecond;
        _refilledAt = time.GetUtcNow();
        _release = time.CreateTimer(_ => Release(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public DateTimeOffset PausedUntil
    {
        get { lock (_lock)
            {
                return _pausedUntil;
            }
        }
    }


    public async Task WaitAsync(OutboundPriority priority, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_waiting.All(q => q.Count == 0) && TryTake(now))
            {
                return;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[(int)priority].Enqueue(waiter);
            Schedule(now);
        }
        // A cancelled waiter completes at once; Release skips it, so it costs no slot.
        using var registration = cancellationToken.Register(static w => ((TaskCompletionSource)w!).TrySetCanceled(), waiter);
        await waiter.Task;
    }

    /// <summary>The host asked for a pause (429, or its window is used up): nothing more goes out until then.</summary>
    public void PauseFor(TimeSpan wait)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (now + wait > _pausedUntil)
            {
                _pausedUntil = now + wait;
            }

            Schedule(now);
        }
    }

    private void Release()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var queue in _waiting)
            {
                while (queue.TryPeek(out var waiter))
                {
                    if (waiter.Task.IsCompleted)
                    {
                        queue.Dequeue(); // cancelled while waiting
                    }
                    else if (TryTake(now))
                    {
                        queue.Dequeue().TrySetResult();
                    }
                    else
                    {
                        Schedule(now);
                        return;
                    }
                }
            }
        }
    }

    private bool TryTake(DateTimeOffset now)
    {
        if (now < _pausedUntil)
        {
            return false;
        }

        if (_perSecond <= 0)
        {
            return true;
        }

        _tokens = Math.Min(_perSecond, _tokens + ((now - _refilledAt).TotalSeconds * _perSecond));
        _refilledAt = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens--;
        return true;
    }

    /// <summary>Wakes <see cref="Release"/> when the pause ends or the next token is due, if anyone waits.</summary>
    private void Schedule(DateTimeOffset now)
    {
        if (_waiting.All(q => q.Count == 0))
        {
            return;
        }

        var due = _pausedUntil > now ? _pausedUntil - now : TimeSpan.Zero;
        if (_perSecond > 0 && _tokens < 1)
        {
            var refill = TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
            if (refill > due)
            {
                due = refill;
            }
        }
        _release.Change(due, Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _release.Dispose();
}

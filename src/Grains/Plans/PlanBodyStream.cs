namespace RunTasks.Grains.Plans;

/// <summary>
/// The plan body as the engine reads it: a read-only pass-through that owns the HTTP response, fails a plan larger than
/// <c>MaxPlanBytes</c> (for good), and fails a body that stops (nothing for the idle timeout) or crawls (below the
/// minimum average rate once the grace period has passed) with an <see cref="IOException"/>, which the plan check
/// treats as transient and answers with a fresh download.
/// </summary>
public sealed class PlanBodyStream(Stream inner, PlanBodyLimits limits, TimeProvider time, IDisposable? owner = null) : Stream
{
    private readonly long _started = time.GetTimestamp();
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public static string TooLarge(long maxBytes) =>
        $"The plan is larger than the configured limit of {maxBytes / (1024 * 1024)} MiB (RunTasks:MaxPlanBytes).";

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var allowance = Allowance();
        using var timer = new CancellationTokenSource(allowance.Limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return Count(await inner.ReadAsync(buffer, linked.Token));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Stalled(allowance.ByRate);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>A synchronous read cannot be timed out; it is checked once it returns (the plan reader reads asynchronously).</summary>
    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = Count(inner.Read(buffer, offset, count));
        _ = Allowance(); // throws once the average rate is too low
        return read;
    }

    private int Count(int read)
    {
        _read += read;
        if (_read > limits.MaxBytes)
        {
            throw new PlanUnavailableException(TooLarge(limits.MaxBytes), transient: false);
        }

        return read;
    }

    /// <summary>How long the next read may take: the idle timeout, or less when the average rate would drop below the minimum.</summary>
    private (TimeSpan Limit, bool ByRate) Allowance()
    {
        if (limits.MinBytesPerSecond <= 0)
        {
            return (limits.IdleTimeout, false);
        }

        var elapsed = time.GetElapsedTime(_started);
        var rateDeadline = TimeSpan.FromSeconds(Math.Max(limits.GracePeriod.TotalSeconds, (double)_read / limits.MinBytesPerSecond));
        var left = rateDeadline - elapsed;
        if (left <= TimeSpan.Zero)
        {
            throw Stalled(byRate: true);
        }

        return left < limits.IdleTimeout ? (left, true) : (limits.IdleTimeout, false);
    }

    private IOException Stalled(bool byRate) => new(byRate
        ? $"the plan body arrived slower than {limits.MinBytesPerSecond} bytes/s (RunTasks:Delivery:PlanMinBytesPerSecond) after {_read} bytes"
        : $"the plan body stalled: nothing for {limits.IdleTimeout.TotalSeconds:0.#} s (RunTasks:Delivery:PlanReadIdleTimeout) after {_read} bytes");

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            owner?.Dispose();
        }
        base.Dispose(disposing);
    }
}

namespace RunTasks.Plans;

/// <summary>
/// A read-only pass-through that fails a plan body which stops (nothing for <c>idleTimeout</c>) or crawls (below
/// <c>minBytesPerSecond</c> on average once <c>gracePeriod</c> has passed). The failure is an <see cref="IOException"/>,
/// which the plan check treats as transient and answers with a fresh download.
/// </summary>
public sealed class StallGuardStream(Stream inner, TimeSpan idleTimeout, int minBytesPerSecond, TimeSpan gracePeriod, TimeProvider time) : Stream
{
    private readonly long _started = time.GetTimestamp();
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var allowance = Allowance();
        using var timer = new CancellationTokenSource(allowance.Limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, linked.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Stalled(allowance.ByRate);
        }
        _read += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>A synchronous read cannot be timed out; it is checked once it returns (the plan reader reads asynchronously).</summary>
    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        _read += read;
        _ = Allowance(); // throws once the average rate is too low
        return read;
    }

    /// <summary>How long the next read may take: the idle timeout, or less when the average rate would drop below the minimum.</summary>
    private (TimeSpan Limit, bool ByRate) Allowance()
    {
        if (minBytesPerSecond <= 0)
            return (idleTimeout, false);
        var elapsed = time.GetElapsedTime(_started);
        var rateDeadline = TimeSpan.FromSeconds(Math.Max(gracePeriod.TotalSeconds, (double)_read / minBytesPerSecond));
        var left = rateDeadline - elapsed;
        if (left <= TimeSpan.Zero)
            throw Stalled(byRate: true);
        return left < idleTimeout ? (left, true) : (idleTimeout, false);
    }

    private IOException Stalled(bool byRate) => new(byRate
        ? $"the plan body arrived slower than {minBytesPerSecond} bytes/s (RunTasks:Delivery:PlanMinBytesPerSecond) after {_read} bytes"
        : $"the plan body stalled: nothing for {idleTimeout.TotalSeconds:0.#} s (RunTasks:Delivery:PlanReadIdleTimeout) after {_read} bytes");

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}

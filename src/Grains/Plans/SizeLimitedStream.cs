namespace RunTasks.Plans;

/// <summary>
/// A read-only pass-through that fails once more than the allowed bytes have been read, so a huge plan never fills memory.
/// Disposing it also disposes <paramref name="owner"/> (the HTTP response the body belongs to).
/// </summary>
public sealed class SizeLimitedStream(Stream inner, long maxBytes, IDisposable? owner = null) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        _read += read;
        if (_read > maxBytes)
            throw new PlanUnavailableException(TooLarge(maxBytes), transient: false);
        return read;
    }

    public static string TooLarge(long maxBytes) =>
        $"The plan is larger than the configured limit of {maxBytes / (1024 * 1024)} MiB (RunTasks:MaxPlanBytes).";

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

namespace RunTasks.Analysis.Tests;

/// <summary>A stream of a head, then one chunk repeated: a large input that costs the test only the chunk's memory. Counts what was read.</summary>
internal sealed class RepeatingStream(byte[] head, byte[] chunk, long repeats) : Stream
{
    private readonly byte[] _head = head;
    private readonly byte[] _chunk = chunk;
    private readonly long _total = head.Length + (chunk.Length * repeats);

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _total;

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && BytesRead < _total)
        {
            var (source, at) = BytesRead < _head.Length
                ? (_head, (int)BytesRead)
                : (_chunk, (int)((BytesRead - _head.Length) % _chunk.Length));
            var n = Math.Min(buffer.Length - written, source.Length - at);
            source.AsSpan(at, n).CopyTo(buffer[written..]);
            written += n;
            BytesRead += n;
        }

        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

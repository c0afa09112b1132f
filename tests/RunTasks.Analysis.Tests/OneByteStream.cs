namespace RunTasks.Analysis.Tests;

/// <summary>A stream returning at most a few bytes per read, like a slow network, to exercise buffer refills.</summary>
internal sealed class OneByteStream(byte[] data, int chunk = 1) : MemoryStream(data)
{
    private readonly int _chunk = chunk;

    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _chunk));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        base.ReadAsync(buffer[..Math.Min(buffer.Length, _chunk)], cancellationToken);
}

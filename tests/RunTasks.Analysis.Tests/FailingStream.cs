namespace RunTasks.Analysis.Tests;

/// <summary>A stream that serves some bytes, then throws what a failing network body would throw.</summary>
internal sealed class FailingStream(byte[] data, Func<Exception> failure) : MemoryStream(data)
{
    private readonly Func<Exception> _failure = failure;

    public override int Read(byte[] buffer, int offset, int count) =>
        Position < Length ? base.Read(buffer, offset, count) : throw _failure();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Position < Length ? base.ReadAsync(buffer, cancellationToken) : throw _failure();
}

using System.Buffers;

namespace RunTasks.Analysis.Plans;

/// <summary>The reader's growing buffer: ordinary sizes from the shared pool, unusual ones allocated and left to the GC.</summary>
internal static class PlanBuffers
{
    private const int MaxPooledBufferSize = 1024 * 1024;

    public static byte[] Grow(byte[] buffer, int used, int limit)
    {
        var bigger = Rent((int)Math.Min(buffer.Length * 2L, limit));
        buffer.AsSpan(0, used).CopyTo(bigger);
        Return(buffer);
        return bigger;
    }

    // Only ordinary sizes go through the shared pool: it keeps what it is given, so a rare 64 MiB buffer would stay for good.
    public static byte[] Rent(int size) =>
        size <= MaxPooledBufferSize ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);

    public static void Return(byte[] buffer)
    {
        if (buffer.Length <= MaxPooledBufferSize)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

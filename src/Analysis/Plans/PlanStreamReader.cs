using System.Text.Json;
using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Plans;

/// <summary>
/// Streams a <c>terraform show -json</c> plan through a growing buffer (the pump): reads, grows when one element does not
/// fit, checks UTF-8 once per byte, and hands the buffered bytes to <see cref="PlanSections"/>, which says how many it used.
/// Only one resource_changes/resource_drift/output_changes element is materialised at a time; everything else is skipped.
/// </summary>
internal static class PlanStreamReader
{
    private const int InitialBufferSize = 128 * 1024;

    /// <summary>
    /// Reads the whole stream; throws <see cref="JsonException"/> for invalid JSON, <see cref="PlanFormatException"/> for
    /// documents that are not readable plans (including text that is not UTF-8), <see cref="PlanLimitException"/> for a
    /// value over the limit, and <see cref="PlanSourceException"/> wrapping whatever the stream itself threw.
    /// </summary>
    public static async ValueTask<PlanHeader> ReadAsync(Stream stream, IPlanVisitor visitor, AnalysisLimits limits, CancellationToken cancellationToken)
    {
        var sections = new PlanSections(visitor, limits);
        var buffer = PlanBuffers.Rent(Math.Min(InitialBufferSize, limits.MaxResourceChangeBytes));
        long dropped = 0;
        try
        {
            int start = 0, end = 0, valid = 0;
            bool final = false, first = true, starved = false;
            while (true)
            {
                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    valid -= start;
                    dropped += start;
                    start = 0;
                }

                if (starved && end == buffer.Length)
                {
                    // The current element does not fit: grow, keeping what is buffered, up to the limit.
                    if (buffer.Length >= limits.MaxResourceChangeBytes)
                    {
                        throw sections.OverLimit(buffer.AsSpan(0, end), limits.MaxResourceChangeBytes);
                    }

                    buffer = PlanBuffers.Grow(buffer, end, limits.MaxResourceChangeBytes);
                }

                // Fill the whole free space when starved, so a large element is rescanned only O(log n) times.
                do
                {
                    int read;
                    try
                    {
                        read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        throw new PlanSourceException("The plan stream failed.", exception);
                    }

                    if (read == 0)
                    {
                        final = true;
                        break;
                    }

                    end += read;
                }
                while (starved && end < buffer.Length);

                // Utf8JsonReader does not check that strings are UTF-8 (GetString throws later): check every byte once, before any rule sees it.
                valid += Utf8Validation.Check(buffer.AsSpan(valid, end - valid), final, dropped + valid);
                if (first)
                {
                    // A byte-order mark may arrive a byte at a time; decide only once three bytes (or the end) are here.
                    if (end < 3 && !final)
                    {
                        starved = true;
                        continue;
                    }

                    first = false;
                    if (end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                    {
                        start = 3;
                    }
                }

                int consumed = sections.Process(buffer.AsMemory(start, valid - start), final);
                start += consumed;
                starved = consumed == 0 || end - start > buffer.Length / 2;
                if (final)
                {
                    break;
                }
            }
        }
        finally
        {
            PlanBuffers.Return(buffer);
        }

        return sections.Finish();
    }
}

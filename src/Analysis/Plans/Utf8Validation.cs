using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace RunTasks.Analysis.Plans;

/// <summary>Checks streamed plan bytes are UTF-8, as JSON requires; Utf8JsonReader leaves that to GetString, which throws late.</summary>
internal static class Utf8Validation
{
    /// <summary>Checks the bytes are UTF-8 and returns how many were checked: all but an incomplete last character, unless final.</summary>
    public static int Check(ReadOnlySpan<byte> bytes, bool final, long position)
    {
        var length = final ? bytes.Length : bytes.Length - IncompleteTail(bytes);
        var span = bytes[..length];
        if (Utf8.IsValid(span))
        {
            return length;
        }

        int at = 0;
        while (Rune.DecodeFromUtf8(span[at..], out _, out var size) == OperationStatus.Done)
        {
            at += size;
        }

        throw new PlanFormatException(string.Create(CultureInfo.InvariantCulture, $"The plan is not valid UTF-8 (byte offset {position + at}); Terraform writes plans as UTF-8, so the file was altered or is not a plan."));
    }

    // Bytes at the end that start a multi-byte character whose remaining bytes have not arrived yet.
    private static int IncompleteTail(ReadOnlySpan<byte> bytes)
    {
        for (int back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) != 0x80)
            {
                int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return needed > back ? back : 0;
            }
        }

        return 0;
    }
}

using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace RunTasks.Grains.History;

/// <summary>The opaque position after the last item of a page: its run's finish time (Unix ms), its id and (for findings) its ordinal.</summary>
public readonly record struct HistoryCursor(long FinishedAt, string TaskResultId, int Ordinal)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{FinishedAt}:{Ordinal}:{TaskResultId}")));

    /// <exception cref="FormatException">Not a cursor this store handed out.</exception>
    public static HistoryCursor Decode(string cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw new FormatException("The cursor is not one this server handed out.");
        }

        var parts = text.Split(':', 3);
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var finishedAt)
            || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ordinal)
            || parts[2].Length == 0)
        {
            throw new FormatException("The cursor is not one this server handed out.");
        }

        return new HistoryCursor(finishedAt, parts[2], ordinal);
    }
}

using System.Globalization;
using System.Text;

namespace RunTasks.Analysis.Engine;

/// <summary>
/// Makes invisible characters that change how text reads visible, so a plan value or a workspace name cannot disguise
/// itself: bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) and control characters other
/// than tab and line breaks become escapes such as <c>&lt;U+202E&gt;</c>.
/// </summary>
public static class VisibleText
{
    /// <summary><paramref name="text"/> with every bidirectional control and non-whitespace control character shown as <c>&lt;U+XXXX&gt;</c>.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = IndexOfHidden(text);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (IsHidden(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"<U+{(int)c:X4}>");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>True for the characters <see cref="Escape"/> replaces.</summary>
    public static bool IsHidden(char c) => c switch
    {
        '\t' or '\n' or '\r' => false,
        '\u061C' or '\u200E' or '\u200F' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => char.IsControl(c),
    };

    private static int IndexOfHidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsHidden(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}

using System.Text;

namespace RunTasks.Grains.Notifications;

/// <summary>
/// Plan text made inert inside a forge's markdown: no HTML, no table breaks, no mentions, no links, one line, capped.
/// </summary>
public static class MarkdownCell
{
    public static string Escape(string? text, int max = 200)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var cut = text.Length > max ? text[..max] + "…" : text;
        var b = new StringBuilder(cut.Length + 16);
        foreach (var c in cut)
        {
            switch (c)
            {
                case '\r' or '\n' or '\t':
                    b.Append(' ');
                    break;
                case '<':
                    b.Append("&lt;");
                    break;
                case '>':
                    b.Append("&gt;");
                    break;
                case '&':
                    b.Append("&amp;");
                    break;
                case '@':
                    b.Append("@\u200B"); // no mention of a real user or team
                    break;
                case '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '~' or '!':
                    b.Append('\\').Append(c);
                    break;
                default:
                    if (!char.IsControl(c))
                    {
                        b.Append(c);
                    }

                    break;
            }
        }

        return b.ToString();
    }
}

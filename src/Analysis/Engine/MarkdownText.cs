using System.Text;

namespace RunTasks.Analysis.Engine;

/// <summary>
/// Puts untrusted text (plan addresses, keys, values, module sources, provider names) into markdown so that it stays
/// text: one line, invisible controls made visible, and no character able to start a link, image, HTML, emphasis,
/// heading or list. Every renderer of finding bodies (HCP Terraform, GitHub and GitLab via SARIF, the details page) sees
/// the same harmless text.
/// </summary>
public static class MarkdownText
{
    /// <summary>Text shown as plain prose (also inside a heading): every markdown-active character backslash-escaped.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = OneLine(text);
        var builder = new StringBuilder(line.Length + 8);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            switch (c)
            {
                case '\\' or '`' or '*' or '[' or ']' or '<' or '>' or '#' or '|' or '~' or '&' or '!' or '$':
                    builder.Append('\\').Append(c);
                    break;
                case '_' when !(i > 0 && char.IsLetterOrDigit(line[i - 1]) && i + 1 < line.Length && char.IsLetterOrDigit(line[i + 1])):
                    // Between two letters or digits an underscore cannot emphasise (CommonMark), so aws_s3_bucket stays readable.
                    builder.Append("\\_");
                    break;
                case '-' or '+' or '=' when builder.Length == 0:
                    builder.Append('\\').Append(c);
                    break;
                case '.' or ')' when IsOrdinalPrefix(line, i):
                    builder.Append('\\').Append(c);
                    break;
                case ':' when string.CompareOrdinal(line, i + 1, "//", 0, 2) == 0:
                case '.' when i >= 3 && line.AsSpan(i - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase):
                    // Bare URLs become links in GitHub-flavoured renderers; an escape keeps them text.
                    builder.Append('\\').Append(c);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// A complete inline code span: single-line, fenced by more backticks than the longest run inside, so nothing in
    /// the text can close it early or turn into markup. Empty text is shown as <c>(empty)</c>.
    /// </summary>
    public static string Code(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = OneLine(text);
        if (line.Length == 0)
        {
            return "(empty)";
        }

        var longest = 0;
        var run = 0;
        foreach (var c in line)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        // CommonMark strips one space from each end when both ends have one; padding keeps edge backticks and spaces.
        var pad = line[0] is '`' or ' ' || line[^1] is '`' or ' ' ? " " : string.Empty;
        return string.Concat(fence, pad, line, pad, fence);
    }

    /// <summary>One line with every invisible control made visible: the form untrusted text takes in a one-line field.</summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return VisibleText.Escape(text.ReplaceLineEndings(" "));
    }

    // "1." or "12)" at the start of a line would start an ordered list.
    private static bool IsOrdinalPrefix(string line, int index)
    {
        if (index == 0 || index > 9)
        {
            return false;
        }

        for (var i = 0; i < index; i++)
        {
            if (!char.IsAsciiDigit(line[i]))
            {
                return false;
            }
        }

        return true;
    }
}

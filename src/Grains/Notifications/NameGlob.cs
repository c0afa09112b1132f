namespace RunTasks.Grains.Notifications;

/// <summary>Case-insensitive globs over names: <c>*</c> any run of characters except '/', <c>?</c> one character.</summary>
public static class NameGlob
{
    public static bool Matches(string pattern, string? text)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return Match(pattern.AsSpan(), (text ?? "").AsSpan());
    }

    /// <summary>True when no pattern is given, or one of them matches.</summary>
    public static bool AnyMatches(IReadOnlyCollection<string> patterns, string? text) =>
        patterns.Count == 0 || patterns.Any(p => Matches(p, text));

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        // Iterative with one backtrack point: linear enough for names, no recursion on hostile patterns.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' ? text[t] != '/' : char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(text[t]) && pattern[p] != '*'))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0 && text[mark] != '/')
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}

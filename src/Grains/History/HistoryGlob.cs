using System.Text;

namespace RunTasks.Grains.History;

/// <summary>
/// A filter's glob (<c>*</c> any run of characters, <c>?</c> one) as each database matches it, case-sensitive on both:
/// a LIKE pattern with <c>\</c> escapes for PostgreSQL, a GLOB pattern with bracketed literals for SQLite.
/// </summary>
public static class HistoryGlob
{
    public static bool HasWildcard(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        return glob.Contains('*', StringComparison.Ordinal) || glob.Contains('?', StringComparison.Ordinal);
    }

    /// <summary>For <c>LIKE … ESCAPE '\'</c>.</summary>
    public static string ToLike(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        var pattern = new StringBuilder(glob.Length + 8);
        foreach (var c in glob)
        {
            _ = c switch
            {
                '*' => pattern.Append('%'),
                '?' => pattern.Append('_'),
                '%' or '_' or '\\' => pattern.Append('\\').Append(c),
                _ => pattern.Append(c),
            };
        }

        return pattern.ToString();
    }

    /// <summary>For SQLite's GLOB, where <c>[</c> starts a class: every literal that GLOB reads specially is bracketed.</summary>
    public static string ToSqliteGlob(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        var pattern = new StringBuilder(glob.Length + 8);
        foreach (var c in glob)
        {
            _ = c switch
            {
                '*' or '?' => pattern.Append(c),
                '[' or ']' => pattern.Append('[').Append(c).Append(']'),
                _ => pattern.Append(c),
            };
        }

        return pattern.ToString();
    }
}

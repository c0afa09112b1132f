using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using RunTasks.Grains.History;

namespace RunTasks.Api.Reports;

/// <summary>
/// The history API's query parameters: organization, project, workspace (glob), stage, verdict (passed, failed,
/// errored), rule, address (glob), vcs_repo, vcs_branch, from and to (RFC 3339, or a date: from its start, to its
/// end, UTC), new (true: findings only), and for lists cursor and limit (1-500, default 50).
/// </summary>
public static class ReportQuery
{
    public static bool TryParse(IQueryCollection query, [NotNullWhen(true)] out HistoryFilter? filter, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(query);
        filter = null;
        string? Value(string name) => query[name] is { Count: > 0 } v && !string.IsNullOrEmpty(v[^1]) ? v[^1] : null;

        HistoryVerdict? verdict = null;
        if (Value("verdict") is { } verdictText && (verdict = HistoryText.ParseVerdict(verdictText)) is null)
        {
            problem = "verdict must be passed, failed or errored.";
            return false;
        }

        if (!TryTime(Value("from"), endOfDay: false, out var from) || !TryTime(Value("to"), endOfDay: true, out var to))
        {
            problem = "from and to must be RFC 3339 times (2026-09-30T12:00:00Z) or dates (2026-09-30).";
            return false;
        }

        var fresh = Value("new");
        if (fresh is not (null or "true" or "false"))
        {
            problem = "new must be true or false.";
            return false;
        }

        filter = new HistoryFilter
        {
            Organization = Value("organization"),
            Project = Value("project"),
            Workspace = Value("workspace"),
            Stage = Value("stage"),
            Verdict = verdict,
            Rule = Value("rule"),
            Address = Value("address"),
            VcsRepo = Value("vcs_repo"),
            VcsBranch = Value("vcs_branch"),
            From = from,
            To = to,
            NewOnly = fresh == "true",
        };
        problem = null;
        return true;
    }

    public static bool TryPage(IQueryCollection query, [NotNullWhen(true)] out PageRequest? page, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(query);
        page = null;
        var limit = PageRequest.DefaultLimit;
        if (query["limit"] is { Count: > 0 } l && (!int.TryParse(l[^1], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > PageRequest.MaxLimit))
        {
            problem = $"limit must be a whole number from 1 to {PageRequest.MaxLimit}.";
            return false;
        }

        var cursor = query["cursor"] is { Count: > 0 } c && !string.IsNullOrEmpty(c[^1]) ? c[^1] : null;
        if (cursor is not null)
        {
            try
            {
                HistoryCursor.Decode(cursor);
            }
            catch (FormatException e)
            {
                problem = e.Message;
                return false;
            }
        }

        page = new PageRequest(cursor, limit);
        problem = null;
        return true;
    }

    private static bool TryTime(string? text, bool endOfDay, out DateTimeOffset? time)
    {
        time = null;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            time = endOfDay ? start.AddDays(1) : start;
            return true;
        }

        if (text.Contains('T', StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }
}

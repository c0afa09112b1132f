using System.Data.Common;
using System.Globalization;

namespace RunTasks.Grains.History;

/// <summary>A WHERE clause under construction with its parameters, so that only the filters given reach the SQL text.</summary>
internal sealed class HistoryConditions(HistoryDatabase database)
{
    private readonly List<string> _conditions = [];
    private readonly List<(string Name, object? Value)> _parameters = [];

    public string Where => _conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _conditions);

    public string And => _conditions.Count == 0 ? "" : " AND " + string.Join(" AND ", _conditions);

    /// <summary>Adds a parameter and returns its name.</summary>
    public string Parameter(object? value)
    {
        var name = "@p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add((name, value));
        return name;
    }

    public void Add(string condition) => _conditions.Add(condition);

    public void Equal(string column, string? value)
    {
        if (value is not null)
        {
            Add($"{column} = {Parameter(value)}");
        }
    }

    /// <summary>A glob filter, when given.</summary>
    public void Glob(string column, string? glob)
    {
        if (glob is null)
        {
            return;
        }

        Add(GlobExpression(column, glob));
    }

    /// <summary>The condition for a glob, its parameter added: equality without a wildcard, so an exact name uses the index.</summary>
    public string GlobExpression(string column, string glob) =>
        !HistoryGlob.HasWildcard(glob) ? $"{column} = {Parameter(glob)}"
        : database == HistoryDatabase.Sqlite ? $"{column} GLOB {Parameter(HistoryGlob.ToSqliteGlob(glob))}"
        : $"{column} LIKE {Parameter(HistoryGlob.ToLike(glob))} ESCAPE '\\'";

    /// <summary>The run-level filters on alias <paramref name="r"/> (time on <paramref name="timeColumn"/>); rule and address are the caller's.</summary>
    public void Runs(HistoryFilter filter, string r, string timeColumn)
    {
        Equal($"{r}.organization", filter.Organization);
        Equal($"{r}.project", filter.Project);
        Glob($"{r}.workspace", filter.Workspace);
        Equal($"{r}.stage", filter.Stage);
        Equal($"{r}.verdict", filter.Verdict is { } verdict ? HistoryText.Of(verdict) : null);
        Equal($"{r}.vcs_repo_url", filter.VcsRepo);
        Equal($"{r}.vcs_branch", filter.VcsBranch);
        Time(filter, timeColumn);
    }

    public void Time(HistoryFilter filter, string column)
    {
        if (filter.From is { } from)
        {
            Add($"{column} >= {Parameter(from.ToUnixTimeMilliseconds())}");
        }

        if (filter.To is { } to)
        {
            Add($"{column} < {Parameter(to.ToUnixTimeMilliseconds())}");
        }
    }

    /// <summary>Rule and address on the findings alias <paramref name="f"/>.</summary>
    public void Findings(HistoryFilter filter, string f)
    {
        Equal($"{f}.rule_id", filter.Rule);
        Glob($"{f}.address", filter.Address);
    }

    public void Bind(DbCommand command)
    {
        foreach (var (name, value) in _parameters)
        {
            HistoryCommands.Add(command, name, value);
        }
    }
}

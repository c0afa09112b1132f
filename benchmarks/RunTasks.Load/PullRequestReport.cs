using System.Globalization;
using static RunTasks.Load.LoadReport;

namespace RunTasks.Load;

/// <summary>
/// The pull request comments of a run: waits until each pull request's comment shows its latest run (or the wait
/// ends), then counts comments, duplicates and stale ones.
/// </summary>
public static class PullRequestReport
{
    public static async Task WaitAndPrintAsync(FakeGitHubServer github, IReadOnlyList<LoadTask> tasks, LoadOptions options)
    {
        var latest = tasks.Where(t => t.PullRequestUrl is not null).GroupBy(t => t.PullRequestUrl!)
            .ToDictionary(g => Thread(g.Key), g => g.MaxBy(t => t.SentAt)!);
        var lastHook = tasks.Max(t => t.SentAt);
        var deadline = DateTimeOffset.UtcNow + options.Wait;
        while (Stale(github, latest) > 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var comments = github.Comments;
        var inv = CultureInfo.InvariantCulture;
        Line("pull requests", latest.Count.ToString(inv));
        Line("comments", $"{comments.Sum(c => c.Count())} ({github.Creates} created, {github.Edits} edits, {github.Deletes} twins deleted)");
        Line("pull requests with 2+ comments", comments.Count(c => c.Count() > 1).ToString(inv));
        Line("comments not showing the latest run", Stale(github, latest).ToString(inv));
        Line("GitHub requests", github.Requests.ToString(inv));
        var settled = comments.SelectMany(c => c).Select(c => c.At).DefaultIfEmpty(lastHook).Max();
        Line("last comment written", Ms((settled - lastHook).TotalMilliseconds) + " after the last hook");
    }

    private static int Stale(FakeGitHubServer github, Dictionary<string, LoadTask> latest)
    {
        var comments = github.Comments;
        return latest.Count(pr => !comments[pr.Key].Any(c => c.Body.Contains(pr.Value.RunId, StringComparison.Ordinal)));
    }

    // http://127.0.0.1:PORT/acme/infra/pull/N → acme/infra#N, as the fake keys its comments.
    private static string Thread(string url)
    {
        var parts = new Uri(url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return $"{parts[0]}/{parts[1]}#{parts[3]}";
    }
}

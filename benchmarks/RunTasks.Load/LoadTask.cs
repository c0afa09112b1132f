namespace RunTasks.Load;

/// <summary>One task result as the fake HCP Terraform sees it: when its hook went out, and the callbacks it got.</summary>
public sealed class LoadTask(string id, string stage)
{
    private readonly Lock _lock = new();

    public string Id { get; } = id;
    public string Stage { get; } = stage;
    public string Token { get; } = "tok-" + Guid.NewGuid().ToString("N");
    /// <summary>The pull request the run belongs to, when the run comments on one.</summary>
    public string? PullRequestUrl { get; set; }
    public string RunId => "run-" + Id[7..];
    public DateTimeOffset SentAt { get; set; }
    public TimeSpan? Ack { get; set; }
    public int AckStatus { get; set; }
    public int Running { get; private set; }
    public List<DateTimeOffset> Finals { get; } = [];
    private int _runningRefused;

    /// <summary>True the first time only: the first running update of this task result is refused.</summary>
    public bool RefuseFirstRunning() => Interlocked.Exchange(ref _runningRefused, 1) == 0;

    public void Record(string status, DateTimeOffset at)
    {
        lock (_lock)
        {
            if (status is "passed" or "failed")
            {
                Finals.Add(at);
            }
            else
            {
                Running++;
            }
        }
    }
}

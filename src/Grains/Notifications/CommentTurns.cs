namespace RunTasks.Grains.Notifications;

/// <summary>
/// One queue per comment (pull request, workspace and stage) on this silo: its sends take turns, and each knows the
/// newest run waiting for that comment. An entry lives only while sends of its comment are in progress.
/// </summary>
public sealed class CommentTurns
{
    private readonly Dictionary<string, Turn> _turns = new(StringComparer.Ordinal);

    /// <summary>Waits for the comment's turn; the lease says whether a later run came in meanwhile, and ends the turn when disposed.</summary>
    public async Task<CommentLease> EnterAsync(string comment, long run, CancellationToken cancellationToken)
    {
        Turn turn;
        lock (_turns)
        {
            if (!_turns.TryGetValue(comment, out turn!))
            {
                turn = new Turn();
                _turns[comment] = turn;
            }

            turn.Users++;
            turn.Latest = Math.Max(turn.Latest, run);
        }

        try
        {
            await turn.Gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(comment, turn, entered: false);
            throw;
        }

        return new CommentLease(() => Latest(turn) > run, () => Leave(comment, turn, entered: true));
    }

    /// <summary>Comments with sends in progress (for tests: no entry outlives its sends).</summary>
    public int Count
    {
        get
        {
            lock (_turns)
            {
                return _turns.Count;
            }
        }
    }

    private long Latest(Turn turn)
    {
        lock (_turns)
        {
            return turn.Latest;
        }
    }

    private void Leave(string comment, Turn turn, bool entered)
    {
        if (entered)
        {
            turn.Gate.Release();
        }

        lock (_turns)
        {
            if (--turn.Users == 0)
            {
                _turns.Remove(comment);
                turn.Gate.Dispose();
            }
        }
    }

    private sealed class Turn
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public int Users { get; set; }
        public long Latest { get; set; }
    }
}

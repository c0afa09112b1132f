namespace RunTasks.Grains.Notifications;

/// <summary>The turn of one send of a comment (see <see cref="CommentTurns"/>); disposing it ends the turn, once.</summary>
public sealed class CommentLease(Func<bool> superseded, Action leave) : IDisposable
{
    private int _disposed;

    /// <summary>True when a later run of the same comment is waiting or writing: it will write the comment.</summary>
    public bool Superseded => superseded();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            leave();
        }
    }
}

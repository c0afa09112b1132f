using RunTasks.Grains.Notifications;

namespace RunTasks.Tests.Notifications;

public sealed class CommentTurnsTests
{
    [Fact]
    public async Task Waiting_run_learns_that_a_later_run_came_in()
    {
        var turns = new CommentTurns();
        var first = await turns.EnterAsync("pr#1 ws", 1, CancellationToken.None);
        var waiting = turns.EnterAsync("pr#1 ws", 2, CancellationToken.None);
        var later = turns.EnterAsync("pr#1 ws", 3, CancellationToken.None);

        first.Dispose();
        using (var second = await waiting)
        {
            Assert.True(second.Superseded);
        }

        using var third = await later;
        Assert.False(third.Superseded);
    }

    [Fact]
    public async Task Different_comments_do_not_wait_for_each_other()
    {
        var turns = new CommentTurns();
        using var one = await turns.EnterAsync("pr#1 ws-a", 1, CancellationToken.None);

        var other = turns.EnterAsync("pr#1 ws-b", 1, CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
        (await other).Dispose();
    }

    [Fact]
    public async Task No_entry_outlives_its_sends_even_a_cancelled_wait()
    {
        var turns = new CommentTurns();
        var holder = await turns.EnterAsync("pr#1 ws", 1, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = turns.EnterAsync("pr#1 ws", 2, cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        holder.Dispose();

        Assert.Equal(0, turns.Count);
    }
}

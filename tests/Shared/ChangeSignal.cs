namespace RunTasks.Testing;

/// <summary>
/// Waiting without sleeping: a fake calls <see cref="Notify"/> whenever what it records changes, and a test waits until
/// its condition holds, checked again on every change.
/// </summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify() => Interlocked.Exchange(ref _changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    public async Task WhenAsync(Func<bool> condition, TimeSpan timeout, string? what = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var changed = _changed.Task; // taken before the check, so a change in between is not missed
            if (condition())
            {
                return;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{what ?? "the condition"} did not hold within {timeout}");
            }
        }
    }
}

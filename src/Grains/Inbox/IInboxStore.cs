using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Inbox;

/// <summary>
/// Accepted requests not yet taken by their grain: PostgreSQL in cluster mode (<see cref="InboxStore"/>), the data
/// file in embedded mode. Requests stored here carry their access token encrypted.
/// </summary>
public interface IInboxStore
{
    /// <summary>Records the request; false when a row for its task result already exists (a duplicate delivery).</summary>
    Task<bool> TryAddAsync(RunTaskRequest protectedRequest, CancellationToken cancellationToken);

    /// <summary>Gives a leased row back at once.</summary>
    Task ReleaseAsync(string taskResultId, CancellationToken cancellationToken);

    Task DeleteAsync(string taskResultId, CancellationToken cancellationToken);

    /// <summary>Leases up to <paramref name="limit"/> rows accepted more than <paramref name="olderThan"/> ago and not leased now.</summary>
    Task<IReadOnlyList<RunTaskRequest>> ClaimAsync(TimeSpan olderThan, TimeSpan lease, int limit, CancellationToken cancellationToken);
}

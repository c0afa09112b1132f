namespace RunTasks.Grains.Outbound;

/// <summary>Per-request settings read by <see cref="PacedAttemptHandler"/>.</summary>
public static class OutboundRequestOptions
{
    public static readonly HttpRequestOptionsKey<OutboundPriority> Priority = new("runtasks.priority");

    public static HttpRequestMessage WithPriority(this HttpRequestMessage request, OutboundPriority priority)
    {
        request.Options.Set(Priority, priority);
        return request;
    }
}

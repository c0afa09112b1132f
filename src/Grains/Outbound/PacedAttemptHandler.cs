namespace RunTasks.Grains.Outbound;

/// <summary>
/// Waits for the host's turn, then times the attempt from when it goes on the wire: waiting for a slot is never a
/// timed-out attempt, so a request HCP Terraform already received is not sent again because of our own queue.
/// </summary>
public sealed class PacedAttemptHandler(OutboundPacer pacer, TimeSpan attemptTimeout, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var priority = request.Options.TryGetValue(OutboundRequestOptions.Priority, out var p) ? p : OutboundPriority.Plan;
        var host = request.RequestUri!.Authority;
        await pacer.WaitAsync(host, priority, cancellationToken);

        using var timeout = new CancellationTokenSource(attemptTimeout, time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var response = await base.SendAsync(request, attempt.Token);
            if (priority != OutboundPriority.Unpaced)
            {
                pacer.Observe(host, response);
            }

            return response;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no response within {attemptTimeout:g}");
        }
    }
}

using Microsoft.Extensions.Options;

namespace RunTasks.Grains.Notifications;

/// <summary>POSTs a route's message: Slack, Teams or the generic webhook (signed when the route has a secret).</summary>
public sealed class RouteClient(IHttpClientFactory clients, IOptions<NotificationOptions> options, TimeProvider time)
{
    public async Task<NotificationResult> SendAsync(string target, string? fingerprint, NotificationSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(subject);
        var routes = options.Value.Notifications.Routes;
        if (!int.TryParse(target.AsSpan("route:".Length), System.Globalization.CultureInfo.InvariantCulture, out var index)
            || index < 0 || index >= routes.Length || NotificationPlanner.Fingerprint(routes[index]) != fingerprint)
        {
            return NotificationResult.Rejected("the route was changed or removed from RunTasks:Notifications:Routes");
        }

        var route = routes[index];
        var body = route.Kind switch
        {
            NotificationRoute.Slack => RouteMessages.Slack(subject),
            NotificationRoute.Teams => RouteMessages.Teams(subject),
            _ => RouteMessages.Webhook(subject),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, route.Url) { Content = NotificationHttp.JsonBody(body) };
        if (route.Kind == NotificationRoute.Webhook)
        {
            request.Headers.TryAddWithoutValidation(WebhookSignature.DeliveryHeader, $"{subject.TaskResultId}:{target}");
            request.Headers.TryAddWithoutValidation("X-RunTasks-Event", "task_result.verdict");
            if (route.Secret is { Length: > 0 } secret)
            {
                request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Compute(secret, body));
            }
        }

        using var response = await NotificationHttp.SendAsync(clients.CreateClient(NotificationHttp.HttpClientName), request, time, cancellationToken);
        return new(NotificationResultKind.Sent, "sent", $"HTTP {(int)response.StatusCode}");
    }
}

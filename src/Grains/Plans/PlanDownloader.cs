using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Outbound;

namespace RunTasks.Grains.Plans;

/// <summary>
/// Opens the plan JSON: GET <c>plan_json_api_url</c> with the bearer token, then follow HCP Terraform's 307 to its
/// short-lived object-store URL ourselves, without the token (it may be relative or on another host), if
/// <see cref="PlanRedirectPolicy"/> allows it. The body is guarded against stalls and its size is capped.
/// </summary>
public sealed class PlanDownloader(IHttpClientFactory clients, IOptions<RunTasksOptions> options, TimeProvider time)
{
    public const string HttpClientName = "runtasks-plans";
    private const int MaxRedirects = 3;

    /// <summary>Returns the open body; the caller reads it as a stream and disposes it.</summary>
    public async Task<Stream> OpenAsync(RunTaskRequest request, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(HttpClientName);
        var original = new Uri(request.PlanJsonUrl!);
        var uri = original;
        var destination = PlanDestination.AllowedHost;
        var authorization = new AuthenticationHeaderValue("Bearer", request.AccessToken.Value);
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            // HCP Terraform's API is paced; the redirect target is its object store, another host that is not.
            using var message = new HttpRequestMessage(HttpMethod.Get, uri).WithPriority(hop == 0 ? OutboundPriority.Plan : OutboundPriority.Unpaced);
            message.Headers.Authorization = hop == 0 ? authorization : null;
            message.Options.Set(PlanDestination.Key, destination);
            // A connection checked under one request's rules must not be reused under another's.
            if (!destination.Trusted)
            {
                message.Headers.ConnectionClose = true;
            }

            var response = await SendAsync(client, message, cancellationToken);
            var keep = false;
            try
            {
                var code = (int)response.StatusCode;
                if (code is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                {
                    uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                    destination = PlanRedirectPolicy.Check(original, uri, options.Value);
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var limits = PlanBodyLimits.From(options.Value);
                    if (response.Content.Headers.ContentLength > limits.MaxBytes)
                    {
                        throw new PlanUnavailableException(PlanBodyStream.TooLarge(limits.MaxBytes), transient: false);
                    }

                    var body = new PlanBodyStream(await response.Content.ReadAsStreamAsync(cancellationToken), limits, time, owner: response);
                    keep = true;
                    return body;
                }
                throw Classify(response.StatusCode, hop, options.Value.Delivery.PlanPollInterval);
            }
            finally
            {
                if (!keep)
                {
                    response.Dispose();
                }
            }
        }
        throw new PlanUnavailableException("The plan download was redirected too many times.", transient: true);
    }

    /// <summary>The attempt's time limit (response headers) is applied by <see cref="PacedAttemptHandler"/>, after any wait for a turn.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new PlanUnavailableException($"the plan download timed out after {options.Value.Delivery.AttemptTimeout:g}", transient: true);
        }
        catch (HttpRequestException e) when (e.InnerException is PlanUnavailableException refused)
        {
            throw refused; // the connect callback refused the resolved address
        }
        catch (HttpRequestException e)
        {
            throw new PlanUnavailableException($"the plan download failed: {e.HttpRequestError}", transient: true);
        }
    }

    /// <summary>What an answer other than 200 or a redirect means: wait and poll, retry, or fail the run with the reason.</summary>
    public static PlanUnavailableException Classify(HttpStatusCode status, int hop, TimeSpan pollInterval)
    {
        var code = (int)status;
        var where = hop == 0 ? "plan_json_api_url" : "the redirected plan URL";
        return status switch
        {
            HttpStatusCode.NoContent => new($"HCP Terraform has no plan JSON yet (204)", transient: true, retryAfter: pollInterval),
            HttpStatusCode.UnprocessableEntity => new("HCP Terraform cannot provide plan JSON for this run (422: the plan was made with Terraform older than 0.12).", transient: false),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new($"HCP Terraform refused the access token when downloading the plan (HTTP {code} from {where}).", transient: false),
            HttpStatusCode.NotFound when hop == 0 => new($"The plan was not found (HTTP 404 from {where}).", transient: false),
            _ when code >= 500 || code is 408 or 429 || hop > 0 => new($"the plan download got HTTP {code} from {where}", transient: true),
            _ => new($"The plan download failed with HTTP {code} from {where}.", transient: false),
        };
    }
}

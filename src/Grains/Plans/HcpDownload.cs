using System.Net;
using System.Net.Http.Headers;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Outbound;

namespace RunTasks.Grains.Plans;

/// <summary>
/// One download from HCP Terraform, plan or configuration version: GET the API URL with the bearer token, then follow its
/// redirect to the object store ourselves, without the token (relative or on another host), if
/// <see cref="PlanRedirectPolicy"/> allows it. The body is guarded against stalls and its size is capped.
/// </summary>
internal static class HcpDownload
{
    private const int MaxRedirects = 3;

    /// <summary>What is downloaded: the noun its messages use, its limits, and what a status other than 200 or a redirect means.</summary>
    public sealed record Kind(string Noun, PlanBodyLimits Limits, Func<long, string> TooLarge, Func<HttpStatusCode, int, PlanUnavailableException> Classify);

    /// <summary>Returns the open body; the caller reads it as a stream and disposes it.</summary>
    public static async Task<Stream> OpenAsync(HttpClient client, Uri original, AccessToken token, Kind kind, RunTasksOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var uri = original;
        var destination = PlanDestination.AllowedHost;
        var authorization = new AuthenticationHeaderValue("Bearer", token.Value);
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

            var response = await SendAsync(client, message, kind.Noun, options.Delivery.AttemptTimeout, cancellationToken);
            var keep = false;
            try
            {
                var code = (int)response.StatusCode;
                if (code is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                {
                    uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                    destination = CheckRedirect(original, uri, options, kind.Noun);
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.OK)
                {
                    if (response.Content.Headers.ContentLength > kind.Limits.MaxBytes)
                    {
                        throw new PlanUnavailableException(kind.TooLarge(kind.Limits.MaxBytes), transient: false);
                    }

                    var body = new PlanBodyStream(await response.Content.ReadAsStreamAsync(cancellationToken), kind.Limits, time, owner: response);
                    keep = true;
                    return body;
                }

                throw kind.Classify(response.StatusCode, hop);
            }
            finally
            {
                if (!keep)
                {
                    response.Dispose();
                }
            }
        }

        throw new PlanUnavailableException($"The {kind.Noun} download was redirected too many times.", transient: true);
    }

    private static PlanDestination CheckRedirect(Uri original, Uri target, RunTasksOptions options, string noun)
    {
        try
        {
            return PlanRedirectPolicy.Check(original, target, options);
        }
        catch (PlanUnavailableException refused) when (noun != "plan")
        {
            throw new PlanUnavailableException(refused.Message.Replace("plan download", $"{noun} download", StringComparison.Ordinal), refused.Transient);
        }
    }

    /// <summary>The attempt's time limit (response headers) is applied by <see cref="PacedAttemptHandler"/>, after any wait for a turn.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage message, string noun, TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new PlanUnavailableException($"the {noun} download timed out after {attemptTimeout:g}", transient: true);
        }
        catch (HttpRequestException e) when (e.InnerException is PlanUnavailableException refused)
        {
            throw refused; // the connect callback refused the resolved address
        }
        catch (HttpRequestException e)
        {
            throw new PlanUnavailableException($"the {noun} download failed: {e.HttpRequestError}", transient: true);
        }
    }
}

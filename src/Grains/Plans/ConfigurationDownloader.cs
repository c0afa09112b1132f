using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using RunTasks.Analysis;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Outbound;

namespace RunTasks.Grains.Plans;

/// <summary>
/// Opens a configuration version (<c>.tar.gz</c>): GET <c>configuration_version_download_url</c> with the bearer token,
/// then follow HCP Terraform's 302 to its object store without the token, through the plan client (allowed hosts,
/// <see cref="PlanRedirectPolicy"/>, addresses checked when resolved, paced attempts). The body is guarded against stalls
/// and capped at <see cref="ConfigurationLimits.MaxCompressedBytes"/>.
/// </summary>
public sealed class ConfigurationDownloader(IHttpClientFactory clients, IOptions<RunTasksOptions> options, ConfigurationLimits limits, TimeProvider time)
{
    private const int MaxRedirects = 3;
    private const string Field = "configuration_version_download_url";

    /// <summary>Returns the open body; the caller reads it as a stream and disposes it. Throws <see cref="PlanUnavailableException"/> saying whether to try again.</summary>
    public async Task<Stream> OpenAsync(RunTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = clients.CreateClient(PlanDownloader.HttpClientName);
        var original = new Uri(request.ConfigurationVersionDownloadUrl ?? throw new ArgumentException("The request has no configuration URL.", nameof(request)));
        var uri = original;
        var destination = PlanDestination.AllowedHost;
        var authorization = new AuthenticationHeaderValue("Bearer", request.AccessToken.Value);
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            // HCP Terraform's API is paced; the redirect target is its object store, another host that is not.
            using var message = new HttpRequestMessage(HttpMethod.Get, uri).WithPriority(hop == 0 ? OutboundPriority.Plan : OutboundPriority.Unpaced);
            message.Headers.Authorization = hop == 0 ? authorization : null;
            message.Options.Set(PlanDestination.Key, destination);
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
                    destination = CheckRedirect(original, uri);
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var body = PlanBodyLimits.From(options.Value) with { MaxBytes = limits.MaxCompressedBytes };
                    if (response.Content.Headers.ContentLength > body.MaxBytes)
                    {
                        throw new PlanUnavailableException($"The configuration version is larger than {body.MaxBytes / (1024 * 1024)} MiB compressed; RunTasks does not download it.", transient: false);
                    }

                    var stream = new PlanBodyStream(await response.Content.ReadAsStreamAsync(cancellationToken), body, time, owner: response);
                    keep = true;
                    return stream;
                }

                throw Classify(response.StatusCode, hop);
            }
            finally
            {
                if (!keep)
                {
                    response.Dispose();
                }
            }
        }

        throw new PlanUnavailableException("The configuration download was redirected too many times.", transient: true);
    }

    /// <summary>What an answer other than 200 or a redirect means: retry, or fail the run with the reason.</summary>
    public static PlanUnavailableException Classify(HttpStatusCode status, int hop)
    {
        var code = (int)status;
        var where = hop == 0 ? Field : "the redirected configuration URL";
        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new($"HCP Terraform refused the access token when downloading the configuration version (HTTP {code} from {where}).", transient: false),
            HttpStatusCode.NotFound when hop == 0 => new($"The configuration version was not found: it is not uploaded, or the token may not read it (HTTP 404 from {where}).", transient: false),
            _ when code >= 500 || code is 408 or 429 || hop > 0 => new($"the configuration download got HTTP {code} from {where}", transient: true),
            _ => new($"The configuration download failed with HTTP {code} from {where}.", transient: false),
        };
    }

    private static PlanDestination CheckRedirect(Uri original, Uri target, RunTasksOptions options)
    {
        try
        {
            return PlanRedirectPolicy.Check(original, target, options);
        }
        catch (PlanUnavailableException refused)
        {
            throw new PlanUnavailableException(refused.Message.Replace("plan download", "configuration download", StringComparison.Ordinal), refused.Transient);
        }
    }

    private PlanDestination CheckRedirect(Uri original, Uri target) => CheckRedirect(original, target, options.Value);

    /// <summary>The attempt's time limit (response headers) is applied by <see cref="PacedAttemptHandler"/>, after any wait for a turn.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new PlanUnavailableException($"the configuration download timed out after {options.Value.Delivery.AttemptTimeout:g}", transient: true);
        }
        catch (HttpRequestException e) when (e.InnerException is PlanUnavailableException refused)
        {
            throw refused; // the connect callback refused the resolved address
        }
        catch (HttpRequestException e)
        {
            throw new PlanUnavailableException($"the configuration download failed: {e.HttpRequestError}", transient: true);
        }
    }
}

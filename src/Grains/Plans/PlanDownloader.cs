using System.Net;
using Microsoft.Extensions.Options;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Plans;

/// <summary>Opens the plan JSON: <c>plan_json_api_url</c>, then HCP Terraform's 307 to its object store (see <see cref="HcpDownload"/>).</summary>
public sealed class PlanDownloader(IHttpClientFactory clients, IOptions<RunTasksOptions> options, TimeProvider time)
{
    public const string HttpClientName = "runtasks-plans";

    /// <summary>Returns the open body; the caller reads it as a stream and disposes it.</summary>
    public Task<Stream> OpenAsync(RunTaskRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var kind = new HcpDownload.Kind("plan", PlanBodyLimits.From(settings), PlanBodyStream.TooLarge,
            (status, hop) => Classify(status, hop, settings.Delivery.PlanPollInterval));
        return HcpDownload.OpenAsync(clients.CreateClient(HttpClientName), new Uri(request.PlanJsonUrl!), request.AccessToken, kind, settings, time, cancellationToken);
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

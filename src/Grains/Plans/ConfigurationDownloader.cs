using System.Net;
using Microsoft.Extensions.Options;
using RunTasks.Analysis.Configuration;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Plans;

/// <summary>
/// Opens a configuration version (<c>.tar.gz</c>): GET <c>configuration_version_download_url</c> with the bearer token,
/// then HCP Terraform's 302 to its object store without the token (see <see cref="HcpDownload"/>), through the plan client (allowed hosts,
/// <see cref="PlanRedirectPolicy"/>, addresses checked when resolved, paced attempts). The body is guarded against stalls
/// and capped at <see cref="ConfigurationLimits.MaxCompressedBytes"/>.
/// </summary>
public sealed class ConfigurationDownloader(IHttpClientFactory clients, IOptions<RunTasksOptions> options, ConfigurationLimits limits, TimeProvider time)
{
    private const string Field = "configuration_version_download_url";

    /// <summary>Returns the open body; the caller reads it as a stream and disposes it. Throws <see cref="PlanUnavailableException"/> saying whether to try again.</summary>
    public Task<Stream> OpenAsync(RunTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var original = new Uri(request.ConfigurationVersionDownloadUrl ?? throw new ArgumentException("The request has no configuration URL.", nameof(request)));
        var settings = options.Value;
        var kind = new HcpDownload.Kind("configuration", PlanBodyLimits.From(settings) with { MaxBytes = limits.MaxCompressedBytes },
            max => $"The configuration version is larger than {max / (1024 * 1024)} MiB compressed; RunTasks does not download it.", Classify);
        return HcpDownload.OpenAsync(clients.CreateClient(PlanDownloader.HttpClientName), original, request.AccessToken, kind, settings, time, cancellationToken);
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
}

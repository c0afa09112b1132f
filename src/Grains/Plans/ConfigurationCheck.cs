using Microsoft.Extensions.Options;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Lifecycle;

namespace RunTasks.Grains.Plans;

/// <summary>
/// The configuration check of one task result: download the configuration version and judge it, downloading again
/// after a passing fault (a cut or truncated body, 5xx, a timeout) up to <see cref="DeliveryOptions.PlanAttempts"/> times.
/// A request without a configuration URL passes, saying so. Call it off the grain's turn, like a plan check.
/// </summary>
public sealed class ConfigurationCheck(ConfigurationDownloader downloader, IConfigurationAnalyzer analyzer, IOptions<RunTasksOptions> options, TimeProvider time)
{
    public const string NotDownloadable = "The configuration version is not available to download (HCP Terraform sent no configuration_version_download_url), so the configuration was not checked.";

    public async Task<Verdict> RunAsync(RunTaskRequest request, IProgress<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        if (request.ConfigurationVersionDownloadUrl is null)
        {
            return new Verdict(VerdictStatus.Passed, NotDownloadable, []);
        }

        var delivery = options.Value.Delivery;
        var failures = 0;
        while (true)
        {
            try
            {
                progress.Report(failures == 0 ? "Fetching the configuration" : $"Fetching the configuration (attempt {failures + 1})");
                await using var archive = await downloader.OpenAsync(request, cancellationToken);
                return await analyzer.AnalyzeAsync(archive, request, progress, cancellationToken);
            }
            catch (PlanUnavailableException e) when (!e.Transient)
            {
                return new Verdict(VerdictStatus.Failed, e.Message, []);
            }
            catch (Exception e) when (e is PlanUnavailableException or IOException or HttpRequestException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                if (++failures >= delivery.PlanAttempts)
                {
                    return new Verdict(VerdictStatus.Failed, $"Could not download the configuration version after {failures} attempts: {e.Message.TrimEnd('.')}.", []);
                }

                await Task.Delay(Backoff.Delay(failures, delivery.InitialBackoff, delivery.MaxBackoff), time, cancellationToken);
            }
        }
    }
}

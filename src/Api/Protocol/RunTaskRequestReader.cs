using System.Text.RegularExpressions;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Security;

namespace RunTasks.Api.Protocol;

/// <summary>Turns a verified body into a <see cref="RunTaskRequest"/>, or says precisely why it cannot.</summary>
public static partial class RunTaskRequestReader
{
    /// <summary>The access token HCP Terraform sends when a run task is created, to check the URL and HMAC key.</summary>
    public const string VerificationToken = "test-token";

    private static readonly string StageProblem =
        $"stage must be one of {string.Join(", ", RunTaskStages.All)} (or {RunTaskStages.Verification} for the verification request).";

    public static RunTaskReadResult Read(ReadOnlySpan<byte> body, RunTasksOptions options)
    {
        if (!RunTaskPayloadParser.TryParse(body, out var payload, out var problem))
        {
            return RunTaskReadResult.Invalid(400, "Malformed run task request", problem);
        }

        // The stage is checked first, also for verification, so no caller-chosen text is ever logged as a stage.
        string? stage = null;
        if (payload.Stage is { } given && (stage = RunTaskStages.Normalize(given)) is null
            && !(payload.AccessToken == VerificationToken && given == RunTaskStages.Verification))
        {
            return RunTaskReadResult.Invalid(422, "Unknown stage", StageProblem);
        }

        if (payload.AccessToken == VerificationToken)
        {
            return RunTaskReadResult.Verification;
        }

        var missing = new[]
        {
            ("task_result_id", payload.TaskResultId),
            ("task_result_callback_url", payload.TaskResultCallbackUrl),
            ("access_token", payload.AccessToken),
        }.Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => f.Item1).ToList();
        if (missing.Count > 0)
        {
            return RunTaskReadResult.Invalid(400, "Incomplete run task request", $"Required field(s) missing: {string.Join(", ", missing)}.");
        }

        if (!TaskResultIdPattern().IsMatch(payload.TaskResultId!))
        {
            return RunTaskReadResult.Invalid(400, "Invalid task_result_id", "task_result_id must be 1-128 letters, digits, '-' or '_'.");
        }

        // A blank plan URL means none, as an absent one does.
        var planUrl = string.IsNullOrWhiteSpace(payload.PlanJsonApiUrl) ? null : payload.PlanJsonApiUrl;
        var configurationUrl = string.IsNullOrWhiteSpace(payload.ConfigurationVersionDownloadUrl) ? null : payload.ConfigurationVersionDownloadUrl;
        foreach (var (field, url) in new[] { ("task_result_callback_url", payload.TaskResultCallbackUrl), ("plan_json_api_url", planUrl), ("configuration_version_download_url", configurationUrl) })
        {
            if (url is not null && RequestUrls.Problem(url, options) is { } urlProblem)
            {
                return RunTaskReadResult.Invalid(422, "URL not allowed", $"{field} {urlProblem}") with { Origin = UnallowedOriginOf(field, url, options) };
            }
        }

        return RunTaskReadResult.Accepted(new RunTaskRequest(
            payload.TaskResultId!,
            stage ?? RunTaskStages.PostPlan, // 2021 payloads carried no stage; they were post-plan checks
            payload.TaskResultCallbackUrl!,
            planUrl,
            new AccessToken(payload.AccessToken!),
            payload.OutcomesSupported,
            payload.OrganizationName,
            payload.ProjectName,
            payload.WorkspaceName,
            payload.RunId,
            payload.TaskResultEnforcementLevel,
            payload.IsSpeculative,
            payload.RunAppUrl,
            payload.WorkspaceAppUrl,
            configurationUrl,
            payload.ConfigurationVersionId,
            payload.WorkspaceWorkingDirectory,
            VcsPullRequestUrl: payload.VcsPullRequestUrl,
            VcsRepoUrl: payload.VcsRepoUrl,
            VcsBranch: payload.VcsBranch,
            VcsCommitHash: payload.VcsCommitHash,
            VcsCommitUrl: payload.VcsCommitUrl));
    }

    /// <summary>Where the URL points, when it is refused only because no <c>RunTasks:AllowedHosts</c> entry names its host and port.</summary>
    private static UnallowedOrigin? UnallowedOriginOf(string field, string url, RunTasksOptions options) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (options.AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
        && string.IsNullOrEmpty(uri.UserInfo)
        && !AllowedHostList.Allows(options.EffectiveAllowedHosts, uri)
            ? UnallowedOrigin.Of(field, uri)
            : null;

    // \z, not $: '$' also matches before a final newline, which would let "taskrs-x\n" split a log line.
    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,128}\z")]
    private static partial Regex TaskResultIdPattern();
}

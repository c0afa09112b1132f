using System.Text.Json;
using System.Text.RegularExpressions;
using RunTasks.Configuration;
using RunTasks.TaskResults;

namespace RunTasks.Protocol;

/// <summary>Turns a verified body into a <see cref="RunTaskRequest"/>, or says precisely why it cannot.</summary>
public static partial class RunTaskRequestReader
{
    /// <summary>The access token HCP Terraform sends when a run task is created, to check the URL and HMAC key.</summary>
    public const string VerificationToken = "test-token";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
    };

    public static RunTaskReadResult Read(ReadOnlySpan<byte> body, RunTasksOptions options)
    {
        RunTaskPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<RunTaskPayload>(body, Json);
        }
        catch (JsonException e)
        {
            return RunTaskReadResult.Invalid(400, "Malformed run task request", $"The body is not a valid run task request: {e.Message}");
        }
        if (payload is null)
            return RunTaskReadResult.Invalid(400, "Malformed run task request", "The body is JSON null.");
        if (payload.AccessToken == VerificationToken)
            return RunTaskReadResult.Verification;

        var missing = new[]
        {
            ("task_result_id", payload.TaskResultId),
            ("task_result_callback_url", payload.TaskResultCallbackUrl),
            ("access_token", payload.AccessToken),
        }.Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => f.Item1).ToList();
        if (missing.Count > 0)
            return RunTaskReadResult.Invalid(400, "Incomplete run task request", $"Required field(s) missing: {string.Join(", ", missing)}.");
        if (!TaskResultIdPattern().IsMatch(payload.TaskResultId!))
            return RunTaskReadResult.Invalid(400, "Invalid task_result_id", "task_result_id must be 1-128 letters, digits, '-' or '_'.");

        foreach (var (field, url) in new[] { ("task_result_callback_url", payload.TaskResultCallbackUrl), ("plan_json_api_url", payload.PlanJsonApiUrl) })
            if (url is not null && CheckUrl(url, options) is { } problem)
                return RunTaskReadResult.Invalid(422, "URL not allowed", $"{field} {problem}");

        return RunTaskReadResult.Accepted(new RunTaskRequest(
            payload.TaskResultId!,
            string.IsNullOrWhiteSpace(payload.Stage) ? "post_plan" : payload.Stage,
            payload.TaskResultCallbackUrl!,
            string.IsNullOrWhiteSpace(payload.PlanJsonApiUrl) ? null : payload.PlanJsonApiUrl,
            new AccessToken(payload.AccessToken!),
            payload.Capabilities?.Outcomes == true,
            payload.OrganizationName,
            payload.ProjectName,
            payload.WorkspaceName,
            payload.RunId,
            payload.TaskResultEnforcementLevel,
            payload.IsSpeculative == true,
            payload.RunAppUrl,
            payload.WorkspaceAppUrl));
    }

    /// <summary>Null when the service may call the URL; otherwise the reason, without echoing the URL's query.</summary>
    public static string? CheckUrl(string url, RunTasksOptions options)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return "is not an absolute URL.";
        var schemeOk = uri.Scheme == Uri.UriSchemeHttps || (options.AllowHttp && uri.Scheme == Uri.UriSchemeHttp);
        if (!schemeOk)
            return options.AllowHttp ? "must be http or https." : "must be https.";
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return "must not carry credentials.";
        var allowed = options.EffectiveAllowedHosts.Any(h => string.Equals(h, uri.Host, StringComparison.OrdinalIgnoreCase));
        return allowed ? null : $"points at host '{uri.Host}', which is not in RunTasks:AllowedHosts.";
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex TaskResultIdPattern();
}

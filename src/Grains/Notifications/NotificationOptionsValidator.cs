using Microsoft.Extensions.Options;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Security;

namespace RunTasks.Grains.Notifications;

/// <summary>Checks forge, pull request and route settings at start-up, naming the key; never echoes a credential or a route URL's path.</summary>
public sealed class NotificationOptionsValidator(IOptions<RunTasksOptions> runTasks) : IValidateOptions<NotificationOptions>
{
    private static readonly string[] Kinds = [NotificationRoute.Slack, NotificationRoute.Teams, NotificationRoute.Webhook];
    private static readonly string[] Whens = [NotificationRoute.WhenFailed, NotificationRoute.WhenMandatoryFailed, NotificationRoute.WhenAlways];
    private static readonly string[] Modes = [PullRequestOptions.Always, PullRequestOptions.FailedOrChanged, PullRequestOptions.Off];

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var allowHttp = runTasks.Value.AllowHttp;
        if (!Modes.Contains(options.PullRequests.Comment))
        {
            errors.Add($"RunTasks:PullRequests:Comment must be one of {string.Join(", ", Modes)}.");
        }

        if (options.PullRequests.Exclude.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("RunTasks:PullRequests:Exclude must not hold an empty glob.");
        }

        ValidateGitHub(options.GitHub, allowHttp, errors);
        if (options.GitLab.IsConfigured)
        {
            Url("RunTasks:GitLab:Url", options.GitLab.Url, allowHttp, errors);
            File("RunTasks:GitLab:TokenPath", options.GitLab.TokenPath, errors);
        }

        var n = options.Notifications;
        if (n.MaxAttempts is < 1 or > 100)
        {
            errors.Add("RunTasks:Notifications:MaxAttempts must be between 1 and 100.");
        }

        if (n.AttemptTimeout <= TimeSpan.Zero || n.InitialBackoff <= TimeSpan.Zero || n.MaxBackoff < n.InitialBackoff)
        {
            errors.Add("RunTasks:Notifications: AttemptTimeout and InitialBackoff must be positive and MaxBackoff at least InitialBackoff.");
        }

        for (var i = 0; i < n.Routes.Length; i++)
        {
            var route = n.Routes[i];
            var key = $"RunTasks:Notifications:Routes:{i}";
            if (!Kinds.Contains(route.Kind))
            {
                errors.Add($"{key}:Kind must be one of {string.Join(", ", Kinds)}.");
            }

            if (!Whens.Contains(route.When))
            {
                errors.Add($"{key}:When must be one of {string.Join(", ", Whens)}.");
            }

            Url($"{key}:Url", route.Url, allowHttp, errors);
            if (route.Secret is { Length: > 0 } && route.Kind != NotificationRoute.Webhook)
            {
                errors.Add($"{key}:Secret signs webhook routes only; Slack and Teams URLs carry their own secret.");
            }

            if (route.Organizations.Concat(route.Projects).Concat(route.Workspaces).Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{key}: Organizations, Projects and Workspaces must not hold an empty glob.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateGitHub(GitHubOptions github, bool allowHttp, List<string> errors)
    {
        const string p = "RunTasks:GitHub:";
        if (!github.IsConfigured)
        {
            return;
        }

        Url($"{p}ApiUrl", github.ApiUrl, allowHttp, errors);
        if (github.EffectiveHosts.Any(h => !AllowedHostList.TryParse(h, out _, out _)))
        {
            errors.Add($"{p}Hosts: each entry must be a host or host:port, as in RunTasks:AllowedHosts.");
        }

        var hasToken = !string.IsNullOrWhiteSpace(github.Token) || !string.IsNullOrWhiteSpace(github.TokenPath);
        if (github.UsesApp && hasToken)
        {
            errors.Add($"{p}: set either Token (or TokenPath) or AppId with PrivateKeyPath, not both.");
        }

        File($"{p}TokenPath", github.TokenPath, errors);
        if (!github.UsesApp)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(github.PrivateKey) == string.IsNullOrWhiteSpace(github.PrivateKeyPath))
        {
            errors.Add($"{p}AppId needs exactly one of PrivateKeyPath or PrivateKey (PEM).");
            return;
        }

        if (File($"{p}PrivateKeyPath", github.PrivateKeyPath, errors))
        {
            try
            {
                using var key = GitHubJwt.LoadKey(SecretText.Read(github.PrivateKey, github.PrivateKeyPath)!);
            }
            catch (Exception e) when (e is ArgumentException or System.Security.Cryptography.CryptographicException)
            {
                errors.Add($"{p}PrivateKey{(github.PrivateKeyPath is null ? "" : "Path")} is not an RSA private key in PEM form.");
            }
        }
    }

    private static bool File(string key, string? path, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return true;
        }

        try
        {
            using var stream = System.IO.File.OpenRead(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors.Add($"{key}: the file cannot be read ({e.GetType().Name}).");
            return false;
        }
    }

    private static void Url(string key, string url, bool allowHttp, List<string> errors)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            errors.Add($"{key} must be an absolute URL.");
        }
        else if (!(uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp)))
        {
            errors.Add($"{key} must be https{(allowHttp ? " or http" : "")}.");
        }
        else if (uri.UserInfo.Length > 0)
        {
            errors.Add($"{key} must not carry credentials in the URL.");
        }
    }
}

using System.Text.Json.Nodes;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Notifications;

/// <summary>The real service with a fake HCP Terraform, a fake GitHub and GitLab, and fake chat receivers, all on loopback.</summary>
public sealed class NotificationFixture : IAsyncLifetime
{
    public const string WebhookSecret = "webhook-signing-secret";

    public ApiHost Api { get; private set; } = null!;
    public FakeHcp Hcp { get; private set; } = null!;
    public FakeForge Forge { get; private set; } = null!;
    public FakeChat Chat { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Hcp = await FakeHcp.StartAsync();
        Forge = await FakeForge.StartAsync();
        Chat = await FakeChat.StartAsync();
        Api = await ApiHost.StartAsync(Hcp, Settings(Forge, Chat));
    }

    /// <summary>GitHub by token on the fake forge, comments on every run, and three routes.</summary>
    public static Dictionary<string, string?> Settings(FakeForge forge, FakeChat? chat = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RunTasks:GitHub:ApiUrl"] = forge.GitHubApiUrl,
            ["RunTasks:GitHub:Hosts:0"] = forge.Authority,
            ["RunTasks:GitHub:Token"] = FakeForge.GitHubToken,
            ["RunTasks:GitLab:Url"] = forge.GitLabUrl,
            ["RunTasks:GitLab:Token"] = FakeForge.GitLabToken,
            ["RunTasks:PullRequests:Comment"] = "always",
            ["RunTasks:Notifications:InitialBackoff"] = "00:00:00.100",
            ["RunTasks:Notifications:MaxBackoff"] = "00:00:00.500",
            ["RunTasks:Notifications:AttemptTimeout"] = "00:00:05",
        };
        if (chat is not null)
        {
            settings["RunTasks:Notifications:Routes:0:Kind"] = "slack";
            settings["RunTasks:Notifications:Routes:0:Url"] = chat.Url("slack-prod");
            settings["RunTasks:Notifications:Routes:0:Workspaces:0"] = "*-prod";
            settings["RunTasks:Notifications:Routes:1:Kind"] = "teams";
            settings["RunTasks:Notifications:Routes:1:Url"] = chat.Url("teams-dev");
            settings["RunTasks:Notifications:Routes:1:Workspaces:0"] = "*-dev";
            settings["RunTasks:Notifications:Routes:2:Kind"] = "webhook";
            settings["RunTasks:Notifications:Routes:2:Url"] = chat.Url("hook");
            settings["RunTasks:Notifications:Routes:2:Secret"] = WebhookSecret;
            settings["RunTasks:Notifications:Routes:2:When"] = "always";
        }

        return settings;
    }

    /// <summary>The task's run task request with the VCS fields HCP Terraform sends for a run of a pull request.</summary>
    public static byte[] Payload(FakeHcp hcp, FakeTask task, string? pullRequestUrl, string workspace = "networking-prod")
    {
        var payload = JsonNode.Parse(hcp.Payload(task))!.AsObject();
        payload["workspace_name"] = workspace;
        payload["vcs_pull_request_url"] = pullRequestUrl;
        payload["vcs_repo_url"] = "https://github.com/acme/infra";
        payload["vcs_branch"] = "feature";
        payload["vcs_commit_hash"] = Guid.NewGuid().ToString("N");
        payload["vcs_commit_url"] = "https://github.com/acme/infra/commit/abc";
        return System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    private static int _pullRequests;

    /// <summary>A pull request number no other test uses.</summary>
    public static int NextPullRequest() => Interlocked.Increment(ref _pullRequests);

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Chat.DisposeAsync();
        await Forge.DisposeAsync();
        await Hcp.DisposeAsync();
    }
}

using System.Text;
using System.Text.Json.Nodes;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Details;

/// <summary>The real service and a fake HCP Terraform; runs a plan through them and hands back the details link they produced.</summary>
public sealed class DetailsFixture : IAsyncLifetime
{
    public const string RunAppUrl = "https://app.terraform.io/app/acme/workspaces/networking-prod/runs/run-details";
    public const string WorkspaceAppUrl = "https://app.terraform.io/app/acme/workspaces/networking-prod";

    public ApiHost Api { get; private set; } = null!;
    public FakeHcp Hcp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Hcp = await FakeHcp.StartAsync();
        Api = await ApiHost.StartAsync(Hcp);
    }

    /// <summary>Submits the plan as HCP Terraform would (with the app URLs it sends) and waits for the final callback.</summary>
    public async Task<(FakeTask Task, ReceivedCallback Final)> RunAsync(byte[] plan)
    {
        var task = Hcp.AddTask(plan);
        var payload = JsonNode.Parse(Hcp.Payload(task))!.AsObject();
        payload["run_app_url"] = RunAppUrl;
        payload["workspace_app_url"] = WorkspaceAppUrl;
        var response = await Api.PostAsync(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        response.EnsureSuccessStatusCode();
        var final = await task.FinalAsync(TimeSpan.FromSeconds(30));
        return (task, final);
    }

    /// <summary>The link HCP Terraform received, pointed at this test's Api instead of RunTasks:PublicBaseUrl.</summary>
    public string Local(string detailsUrl) => Api.BaseUrl.TrimEnd('/') + new Uri(detailsUrl).PathAndQuery;

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Hcp.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DetailsCollection : ICollectionFixture<DetailsFixture>
{
    public const string Name = "details";
}

using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RunTasks.Analysis.Policies;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Waivers;

/// <summary>Waivers through the real service and a fake HCP Terraform: accepted until they expire, kept through a broken reload.</summary>
public sealed class WaiverEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static readonly byte[] BastionPlan = System.Text.Encoding.UTF8.GetBytes("""
        {"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[{"address":"module.edge.aws_security_group.bastion","module_address":"module.edge","mode":"managed","type":"aws_security_group","name":"bastion","provider_name":"registry.terraform.io/hashicorp/aws",
         "change":{"actions":["create"],"before":null,"after":{"ingress":[{"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[],"from_port":22,"to_port":22,"protocol":"tcp"}]},"after_unknown":{},"before_sensitive":false,"after_sensitive":{}}}]}
        """);

    private readonly string _policies = Directory.CreateTempSubdirectory("runtasks-waivers-").FullName;
    private readonly ShiftedTime _time = new();
    private FakeHcp _hcp = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_policies, "guardrails.yaml"), "name: guardrails\n");
        WriteWaiver(DateTimeOffset.UtcNow.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        _hcp = await FakeHcp.StartAsync();
        _api = await ApiHost.StartAsync(new Dictionary<string, string?> { ["RunTasks:PolicyPath"] = _policies }, _hcp, time: _time);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _hcp.DisposeAsync();
        Directory.Delete(_policies, recursive: true);
    }

    [Fact]
    public async Task A_failing_plan_passes_with_a_live_waiver_and_the_outcome_says_waived()
    {
        var final = await RunAsync();

        Assert.Equal("passed", final.Status);
        Assert.Contains("1 finding waived: SEC-1234", final.Message, StringComparison.Ordinal);
        Assert.Contains("\"label\":\"Waived\"", final.Body, StringComparison.Ordinal);
        Assert.Contains("\"label\":\"High\"", final.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_waiver_expires_the_same_plan_fails_naming_the_expired_waiver()
    {
        Assert.Equal("passed", (await RunAsync()).Status);

        _time.Offset = TimeSpan.FromHours(3);
        var final = await RunAsync();

        Assert.Equal("failed", final.Status);
        Assert.Contains("waiver SEC-1234 expired on", final.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_waiver_file_at_reload_keeps_the_previous_waivers_in_force_and_readyz_degraded()
    {
        var provider = (PolicyDirectoryProvider)_api.Services.GetRequiredService<IPolicyProvider>();
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.Reloaded += (_, _) =>
        {
            if (provider.LastError is not null)
            {
                reloaded.TrySetResult();
            }
        };

        WriteWaiver("whenever");
        await reloaded.Task.WaitAsync(Wait);
        using var ready = await _api.Http.GetAsync(new Uri("/readyz", UriKind.Relative));
        var final = await RunAsync();

        Assert.Contains("\"policies\":{\"status\":\"Degraded\"}", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("passed", final.Status);
        Assert.Contains("SEC-1234", final.Message, StringComparison.Ordinal);
    }

    private void WriteWaiver(string expires) => File.WriteAllText(Path.Combine(_policies, "waivers.yaml"), $"""
        waivers:
          - id: SEC-1234
            rule: network_exposure
            resources: ["module.edge.aws_security_group.bastion"]
            organizations: [acme]
            workspaces: [networking-prod]
            reason: Bastion takes SSH from the internet until the VPN is live.
            owner: team-edge@acme.example
            approved_by: security@acme.example
            expires: {expires}
        """);

    private async Task<ReceivedCallback> RunAsync()
    {
        var task = _hcp.AddTask(BastionPlan);
        await _api.PostAsync(_hcp.Payload(task));
        var final = await task.FinalAsync(Wait);
        await _api.WaitForDoneAsync(task.TaskResultId);
        return final;
    }
}

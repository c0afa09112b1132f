using System.Net.Http.Json;
using System.Text.Json;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.EndToEnd;

/// <summary>pre_plan for real: the configuration version is downloaded behind its redirect and judged, secrets masked.</summary>
public sealed class PrePlanEndToEndTests : IAsyncLifetime
{
    private const string Secret = "Sup3r-Secret-Passw0rd-4-Tests";
    private FakeHcp _hcp = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _api = await ApiHost.StartAsync(_hcp);
    }

    [Fact]
    public async Task Pre_plan_fails_on_a_hard_coded_secret_naming_file_and_line_and_never_showing_it()
    {
        var task = _hcp.AddTask(null, stage: "pre_plan");
        _hcp.AddConfiguration(task, TestArchives.TarGz(
            ("infra/main.tf", $"resource \"aws_db_instance\" \"main\" {{\n  engine   = \"postgres\"\n  password = \"{Secret}\"\n}}\n")), "/infra");
        (await _api.PostAsync(_hcp.Payload(task))).EnsureSuccessStatusCode();

        var final = await task.FinalAsync(TimeSpan.FromSeconds(30));
        await _api.WaitForDoneAsync(task.TaskResultId);

        Assert.Equal("failed", final.Status);
        Assert.Contains("infra/main.tf:3", final.Body, StringComparison.Ordinal);
        Assert.Single(task.Finals);
        Assert.Equal(1, _hcp.ConfigurationRequests);
        Assert.Equal(0, _hcp.ConfigurationRequestsWithTokenOnRedirect);
        var details = await _api.Http.GetFromJsonAsync<JsonElement>(_api.DetailsPath(task.TaskResultId));
        Assert.DoesNotContain(Secret, final.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, details.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, await _api.Http.GetStringAsync(_api.DetailsPath(task.TaskResultId)), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, _api.Logs.Text, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _hcp.DisposeAsync();
    }
}

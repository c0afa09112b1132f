using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RunTasks.Grains.History;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.History;

/// <summary>A finished task result reaches the results store once, from the grain, in the embedded data file.</summary>
public sealed class HistoryRecordingTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly string[] DatabaseFiles = ["runtasks.db", "runtasks.db-wal"];
    private const string SecretTag = "s3cr3t-tag-value-7781";

    // A security group open to the internet whose CIDR and tags the plan marks sensitive.
    private static readonly byte[] SensitivePlan = Encoding.UTF8.GetBytes("""
        {"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[
         {"address":"aws_security_group.this[\"a,\\\"b\\\"\"]","mode":"managed","type":"aws_security_group","name":"this","index":"a,\"b\"","provider_name":"registry.terraform.io/hashicorp/aws",
          "change":{"actions":["create"],"before":null,
           "after":{"ingress":[{"cidr_blocks":["203.0.113.0/24","0.0.0.0/0"],"ipv6_cidr_blocks":[],"from_port":22,"to_port":22,"protocol":"tcp","description":"SECRET"}],"tags":{"Owner":"SECRET"}},
           "after_unknown":{},"before_sensitive":false,"after_sensitive":{"ingress":[{"cidr_blocks":true,"description":true}],"tags":{"Owner":true}}}}]}
        """.Replace("SECRET", SecretTag, StringComparison.Ordinal));

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "runtasks-history-" + Guid.NewGuid().ToString("N"));
    private FakeHcp _hcp = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _api = await ApiHost.StartAsync(_hcp, new Dictionary<string, string?> { ["RunTasks:DataPath"] = _directory });
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _hcp.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_finished_task_result_delivered_twice_is_recorded_once_with_its_findings()
    {
        var task = _hcp.AddTask(SensitivePlan);
        var recorded = HistoryWait.RecordedAsync(_api.Services, task.TaskResultId, Wait);
        await _api.PostAsync(_hcp.Payload(task));
        await task.FinalAsync(Wait);
        await recorded;
        await _api.PostAsync(_hcp.Payload(task)); // HCP Terraform retries a delivery it thinks was lost

        await _api.WaitForDoneAsync(task.TaskResultId);
        var history = _api.Services.GetRequiredService<IHistoryQueries>();
        var runs = await history.ListRunsAsync(new HistoryFilter { Workspace = "networking-prod" }, new PageRequest(), CancellationToken.None);
        var run = Assert.Single(runs.Items);
        Assert.Equal((HistoryVerdict.Failed, HistoryDelivery.Accepted), (run.Verdict, run.Delivery));
        var detail = await history.GetRunAsync(task.TaskResultId, CancellationToken.None);
        Assert.Contains(detail!.Findings, f => f.RuleId == "network_exposure" && f.ResourceType == "aws_security_group");
    }

    [Fact]
    public async Task No_value_the_plan_marks_sensitive_nor_the_token_is_in_the_data_file()
    {
        var task = _hcp.AddTask(SensitivePlan);
        var recorded = HistoryWait.RecordedAsync(_api.Services, task.TaskResultId, Wait);
        await _api.PostAsync(_hcp.Payload(task));
        await task.FinalAsync(Wait);
        await recorded;
        await _api.WaitForDoneAsync(task.TaskResultId);

        var bytes = DatabaseFiles.Select(f => Path.Combine(_directory, f)).Where(File.Exists).SelectMany(File.ReadAllBytes).ToArray();
        Assert.Contains("network_exposure"u8.ToArray(), Occurrences(bytes, "network_exposure"));
        Assert.Empty(Occurrences(bytes, SecretTag));
        Assert.Empty(Occurrences(bytes, "203.0.113.0/24"));
        Assert.Empty(Occurrences(bytes, task.Token));
    }

    private static List<byte[]> Occurrences(byte[] haystack, string needle)
    {
        var pattern = Encoding.UTF8.GetBytes(needle);
        var found = new List<byte[]>();
        var span = haystack.AsSpan();
        for (var at = span.IndexOf(pattern); at >= 0; at = span.IndexOf(pattern))
        {
            found.Add(pattern);
            span = span[(at + pattern.Length)..];
        }

        return found;
    }
}

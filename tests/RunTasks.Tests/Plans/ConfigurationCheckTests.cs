using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunTasks.Analysis.Policies;
using RunTasks.Api.Protocol;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Plans;
using RunTasks.Testing;

namespace RunTasks.Tests.Plans;

/// <summary>The pre_plan configuration check against the fake HCP Terraform: download behind a redirect, judge, retry a cut body.</summary>
public sealed class ConfigurationCheckTests : IAsyncLifetime
{
    private const string Secret = "Tr0ub4dor&3-horse";

    private FakeHcp _hcp = null!;
    private ServiceProvider _services = null!;
    private RunTasksOptions _options = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _options = new RunTasksOptions
        {
            AllowHttp = true,
            AllowedHosts = _hcp.AllowedHosts,
            Delivery = { InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(1) },
        };
        var services = new ServiceCollection();
        services.AddHttpClient(PlanDownloader.HttpClientName).ConfigurePrimaryHttpMessageHandler(PlanHttpHandler.Create);
        services.AddSingleton(Options.Create(_options));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(DefaultPolicies.Provider);
        services.AddRunTasksConfigurationChecks();
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _hcp.DisposeAsync();
    }

    private ConfigurationCheck Check => _services.GetRequiredService<ConfigurationCheck>();

    private RunTaskRequest Request(FakeTask task) => RunTaskRequestReader.Read(_hcp.Payload(task), _options).Request!;

    private static byte[] Archive(params (string Path, string Content)[] files) => TestArchives.TarGz(files);

    private FakeTask PrePlanTask(byte[] archive, string workingDirectory = "")
    {
        var task = _hcp.AddTask(null, stage: "pre_plan");
        _hcp.AddConfiguration(task, archive, workingDirectory);
        return task;
    }

    [Fact]
    public async Task Pre_plan_judges_the_configuration_behind_the_redirect_without_sending_the_token_there()
    {
        var task = PrePlanTask(Archive(("infra/main.tf", $"resource \"aws_db_instance\" \"main\" {{\n  engine   = \"postgres\"\n  password = \"{Secret}\"\n}}\n")), "/infra");

        var verdict = await Check.RunAsync(Request(task), new Progress<string>(), CancellationToken.None);

        Assert.Equal(VerdictStatus.Failed, verdict.Status);
        var outcome = Assert.Single(verdict.Outcomes);
        Assert.Equal("hardcoded_secrets:infra/main.tf:3", outcome.OutcomeId);
        Assert.Contains("aws_db_instance.main.password", outcome.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(verdict), StringComparison.Ordinal);
        Assert.Equal(0, _hcp.ConfigurationRequestsWithTokenOnRedirect);
    }

    [Fact]
    public async Task Request_without_a_configuration_url_passes_saying_nothing_was_checked()
    {
        var task = _hcp.AddTask(null, stage: "pre_plan");

        var verdict = await Check.RunAsync(Request(task), new Progress<string>(), CancellationToken.None);

        Assert.Equal(VerdictStatus.Passed, verdict.Status);
        Assert.Equal(ConfigurationCheck.NotDownloadable, verdict.Message);
    }

    [Fact]
    public async Task Cut_configuration_body_is_downloaded_again()
    {
        var task = PrePlanTask(Archive(("main.tf", new string('#', 200_000) + "\n")));
        _hcp.FaultConfigurationBody(task, PlanBodyFault.Truncate);

        var verdict = await Check.RunAsync(Request(task), new Progress<string>(), CancellationToken.None);

        Assert.Equal(VerdictStatus.Passed, verdict.Status);
        Assert.Equal(2, _hcp.ConfigurationRequests);
    }

    [Fact]
    public async Task Unknown_configuration_version_fails_at_once_with_the_reason()
    {
        var task = PrePlanTask(Archive(("main.tf", "\n")));
        var request = Request(task) with { ConfigurationVersionDownloadUrl = $"{_hcp.BaseUrl}/api/v2/configuration-versions/cv-missing/download" };

        var verdict = await Check.RunAsync(request, new Progress<string>(), CancellationToken.None);

        Assert.Equal(VerdictStatus.Failed, verdict.Status);
        Assert.Contains("not found", verdict.Message, StringComparison.Ordinal);
        Assert.Equal(1, _hcp.ConfigurationRequests);
    }

    [Fact]
    public async Task Gzip_bomb_behind_the_redirect_fails_the_run()
    {
        var zeros = new byte[8 << 20];
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "zeros.tf") { DataStream = new MemoryStream(zeros) });
        }

        var task = PrePlanTask(output.ToArray());

        var verdict = await Check.RunAsync(Request(task), new Progress<string>(), CancellationToken.None);

        Assert.Equal(VerdictStatus.Failed, verdict.Status);
        Assert.Contains("compression bomb", verdict.Message, StringComparison.Ordinal);
    }
}

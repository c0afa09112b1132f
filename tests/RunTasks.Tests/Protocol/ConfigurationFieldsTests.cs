using System.Text;
using RunTasks.Api.Protocol;
using RunTasks.Grains.Configuration;
using RunTasks.Testing;

namespace RunTasks.Tests.Protocol;

/// <summary>configuration_version_download_url, configuration_version_id and workspace_working_directory read from the request.</summary>
public sealed class ConfigurationFieldsTests
{
    private static readonly RunTasksOptions Defaults = new();

    [Fact]
    public void Pre_plan_request_carries_the_configuration_version()
    {
        var request = RunTaskRequestReader.Read(Fixtures.Request("gitrgoliveira__tfc-run-task-demo__pre-plan-payload.json"), Defaults).Request!;

        Assert.Equal("https://app.terraform.io/api/v2/configuration-versions/cv-rDK1tJNA8xQcrEa7/download", request.ConfigurationVersionDownloadUrl);
        Assert.Equal("cv-rDK1tJNA8xQcrEa7", request.ConfigurationVersionId);
    }

    [Fact]
    public void Configuration_url_outside_the_allowed_hosts_is_refused_like_the_plan_url()
    {
        var body = Encoding.UTF8.GetString(Fixtures.Request("gitrgoliveira__tfc-run-task-demo__pre-plan-payload.json"))
            .Replace("https://app.terraform.io/api/v2/configuration-versions/", "https://169.254.169.254/api/v2/configuration-versions/", StringComparison.Ordinal);

        var result = RunTaskRequestReader.Read(Encoding.UTF8.GetBytes(body), Defaults);

        Assert.Null(result.Request);
        Assert.Equal(422, result.StatusCode);
        Assert.Contains("configuration_version_download_url", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_url_of_the_wrong_type_is_refused()
    {
        var body = """{"access_token":"t","task_result_id":"taskrs-1","task_result_callback_url":"https://app.terraform.io/cb","stage":"pre_plan","configuration_version_download_url":42}""";

        var result = RunTaskRequestReader.Read(Encoding.UTF8.GetBytes(body), Defaults);

        Assert.Null(result.Request);
    }

    [Fact]
    public void Null_configuration_url_means_not_downloadable()
    {
        var body = """{"access_token":"t","task_result_id":"taskrs-1","task_result_callback_url":"https://app.terraform.io/cb","stage":"pre_plan","configuration_version_download_url":null,"workspace_working_directory":"/infra"}""";

        var request = RunTaskRequestReader.Read(Encoding.UTF8.GetBytes(body), Defaults).Request!;

        Assert.Null(request.ConfigurationVersionDownloadUrl);
        Assert.Equal("/infra", request.WorkspaceWorkingDirectory);
    }
}

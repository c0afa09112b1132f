using System.Text;
using System.Text.Json.Nodes;
using RunTasks.Api.Protocol;
using RunTasks.Grains.Configuration;
using RunTasks.Testing;

namespace RunTasks.Tests.Configuration;

/// <summary>A URL outside RunTasks:AllowedHosts is refused with what an operator would add: scheme, host and port, never the path.</summary>
public sealed class AllowedHostsAdviceTests
{
    private static RunTaskReadResult Read(string callbackUrl, RunTasksOptions? options = null)
    {
        var node = JsonNode.Parse(Fixtures.Request("gitrgoliveira__tfc-run-task-demo__pre-plan-payload.json"))!.AsObject();
        node["task_result_callback_url"] = callbackUrl;
        return RunTaskRequestReader.Read(Encoding.UTF8.GetBytes(node.ToJsonString()), options ?? new RunTasksOptions());
    }

    [Fact]
    public void Unlisted_host_on_another_port_names_the_host_and_port_entry()
    {
        var origin = Read("https://TFE.example.com:8443/api/v2/task-results/x/callback?sig=abc").Origin;

        Assert.Equal(("task_result_callback_url", "https", "tfe.example.com", 8443, "tfe.example.com:8443"),
            (origin!.Field, origin.Scheme, origin.Host, origin.Port, origin.AllowedHostsEntry));
    }

    [Fact]
    public void Unlisted_host_on_the_default_port_names_the_bare_host_entry()
    {
        Assert.Equal("tfe.example.com", Read("https://tfe.example.com/api/v2/task-results/x/callback").Origin!.AllowedHostsEntry);
    }

    [Fact]
    public void Listed_host_on_an_unlisted_port_names_the_host_and_port_entry()
    {
        Assert.Equal("app.terraform.io:444", Read("https://app.terraform.io:444/api/v2/task-results/x/callback").Origin!.AllowedHostsEntry);
    }

    [Fact]
    public void Ipv6_host_is_named_in_brackets()
    {
        Assert.Equal("[fd00::1]:8443", Read("https://[fd00::1]:8443/cb").Origin!.AllowedHostsEntry);
    }

    [Fact]
    public void Unicode_host_is_named_in_its_ascii_form()
    {
        Assert.Equal("xn--tfe-bcher-u9a.example", Read("https://tfe-bücher.example/cb").Origin!.Host);
    }

    [Fact]
    public void Refusal_for_the_scheme_gives_no_allowed_hosts_advice()
    {
        var read = Read("http://tfe.example.com/cb");

        Assert.Equal(422, read.StatusCode);
        Assert.Null(read.Origin);
    }
}

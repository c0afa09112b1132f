using System.Text.Json.Nodes;
using RunTasks.Api.Protocol;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Testing;

namespace RunTasks.Tests.History;

/// <summary>Where a run came from is read from the request for the history: workspace id, VCS fields, creator and a capped message.</summary>
public sealed class RunOriginTests
{
    private const string Payload = "moosterhof__tfc-runtask-lambda__post-plan-payload-2021.json";

    [Fact]
    public void The_workspace_id_vcs_fields_and_creator_are_kept()
    {
        var origin = RunTaskRequestReader.Read(Fixtures.Request(Payload), new RunTasksOptions()).Request!.Origin!;

        Assert.Equal(
            new RunOrigin("ws-9zmXRtyhGoZXQMhN", "https://github.com/moosterhof/hashicat-aws.git", "master", null,
                "https://github.com/moosterhof/hashicat-aws/commit/a908dd8cbb30873a0b347e7389429dc2cde83102", null, "moosterhof", "Triggered via UI"),
            origin);
    }

    [Fact]
    public void A_long_run_message_is_cut_to_its_cap()
    {
        var body = JsonNode.Parse(Fixtures.Request(Payload))!.AsObject();
        body["run_message"] = new string('m', 5_000);

        var origin = RunTaskRequestReader.Read(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()), new RunTasksOptions()).Request!.Origin!;

        Assert.Equal(RunOrigin.MaxRunMessage, origin.RunMessage!.Length);
    }
}

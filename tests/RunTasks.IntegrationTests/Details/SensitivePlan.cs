using System.Text.Json.Nodes;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Details;

/// <summary>
/// A failing fixture plan (a security group open to the internet) whose ingress description is marked sensitive, so
/// the finding shows a value that must be masked. The fixture is read in place and changed in memory only.
/// </summary>
public static class SensitivePlan
{
    public const string Address = "aws_security_group.invalid_allow_all";
    public const string Secret = "ticket-4711-s3cr3t";

    public static byte[] Create()
    {
        var plan = JsonNode.Parse(Fixtures.Plan("fugue__regula__aws-sg-ingress-anywhere.json"))!.AsObject();
        var change = plan["resource_changes"]!.AsArray().Single(c => (string?)c!["address"] == Address)!["change"]!;
        change["after"]!["ingress"]![0]!["description"] = Secret;
        change["after_sensitive"] = JsonNode.Parse("""{"ingress":[{"description":true}]}""");
        return System.Text.Encoding.UTF8.GetBytes(plan.ToJsonString());
    }
}

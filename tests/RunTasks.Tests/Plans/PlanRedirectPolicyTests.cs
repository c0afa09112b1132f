using RunTasks.Grains.Configuration;
using RunTasks.Grains.Plans;

namespace RunTasks.Tests.Plans;

public sealed class PlanRedirectPolicyTests
{
    private const string Hcp = "https://app.terraform.io/api/v2/plans/plan-1/json-output";
    private const string Loopback = "http://127.0.0.1:5000/api/v2/plans/plan-1/json-output";
    private static readonly RunTasksOptions Options = new() { AllowHttp = true, AllowedHosts = ["app.terraform.io", "127.0.0.1:5000"] };

    private static PlanDestination Check(string original, string target, RunTasksOptions? options = null) =>
        PlanRedirectPolicy.Check(new Uri(original), new Uri(target), options ?? Options);

    [Theory]
    [InlineData(Hcp, "http://169.254.169.254/latest/meta-data/")]
    [InlineData(Hcp, "http://2852039166/latest/meta-data/")]
    [InlineData(Hcp, "http://0xA9FEA9FE/latest/meta-data/")]
    [InlineData(Hcp, "http://169.254.169.254.:80/latest/meta-data/")]
    [InlineData(Hcp, "https://[fe80::1]/object")]
    [InlineData(Hcp, "https://[::ffff:169.254.169.254]/object")]
    [InlineData(Hcp, "https://127.0.0.1/object")]
    [InlineData(Hcp, "https://10.0.0.5/object")]
    [InlineData(Hcp, "https://192.168.1.10/object")]
    [InlineData(Hcp, "https://0.0.0.0/object")]
    [InlineData(Hcp, "https://archivist.terraform.io:8443/object")]
    [InlineData(Hcp, "https://user:secret@archivist.terraform.io/object")]
    [InlineData(Loopback, "http://127.0.0.1:5001/objects/plan-1")]
    [InlineData(Loopback, "http://127.0.0.1:22/")]
    [InlineData(Loopback, "http://169.254.169.254/latest/meta-data/")]
    public void Redirect_into_the_local_network_or_to_another_port_is_refused_for_good(string original, string target)
    {
        var refused = Assert.Throws<PlanUnavailableException>(() => Check(original, target));
        Assert.False(refused.Transient);
        Assert.Contains("refuses to follow", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redirect_to_https_on_a_public_host_is_followed_with_address_checks()
    {
        var destination = Check(Hcp, "https://archivist.terraform.io/v1/object/abc");
        Assert.False(destination.Trusted);
        Assert.False(destination.AllowLoopback);
        Assert.False(destination.AllowPrivate);
    }

    [Theory]
    [InlineData(Hcp, "https://app.terraform.io/api/v2/objects/abc")]
    [InlineData(Loopback, "http://127.0.0.1:5000/objects/plan-1")]
    public void Redirect_to_the_same_host_and_port_is_followed(string original, string target)
    {
        Assert.True(Check(original, target).Trusted);
    }

    [Fact]
    public void Redirect_to_a_host_and_port_named_in_the_allow_list_is_followed()
    {
        var options = new RunTasksOptions { AllowHttp = true, AllowedHosts = ["127.0.0.1:5000", "localhost:5000"] };
        Assert.True(Check(Loopback, "http://localhost:5000/objects/plan-1", options).Trusted);
    }

    [Fact]
    public void Loopback_redirect_is_allowed_only_when_the_plan_url_was_on_loopback()
    {
        Assert.True(Check(Loopback, "http://localhost/objects/plan-1").AllowLoopback);
        Assert.False(Check(Hcp, "https://localhost.example/objects/plan-1").AllowLoopback);
    }

    [Fact]
    public void Private_redirect_is_followed_when_the_setting_allows_it()
    {
        var options = new RunTasksOptions { AllowedHosts = ["tfe.internal"], AllowPrivateRedirects = true };
        var destination = Check("https://tfe.internal/api/v2/plans/p/json-output", "https://10.0.0.5/object", options);
        Assert.True(destination.AllowPrivate);
    }
}

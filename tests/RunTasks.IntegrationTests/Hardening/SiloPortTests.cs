using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Hardening;

/// <summary>Two processes on one silo port would split a cluster's messages between them; the second must not start.</summary>
public sealed class SiloPortTests
{
    [Fact]
    public async Task Second_instance_on_the_same_silo_and_gateway_ports_refuses_to_start_naming_them()
    {
        var ports = new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = ApiHost.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = ApiHost.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var first = await ApiHost.StartAsync(ports);

        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await (await ApiHost.StartAsync(ports)).DisposeAsync());
        Assert.Contains("Orleans:SiloPort", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Orleans:GatewayPort", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await first.Http.GetAsync("/healthz")).StatusCode);
    }
}

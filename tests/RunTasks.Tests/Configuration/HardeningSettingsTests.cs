using RunTasks.Grains.Configuration;

namespace RunTasks.Tests.Configuration;

public sealed class HardeningSettingsTests
{
    private static string? Failure(RunTasksOptions options) => new RunTasksOptionsValidator().Validate(null, options).FailureMessage;

    [Theory]
    [InlineData("tfe.internal:0")]
    [InlineData("tfe.internal:70000")]
    [InlineData("tfe.internal:https")]
    [InlineData("[::1")]
    public void Allowed_host_entry_with_a_bad_port_stops_start_up_naming_the_key(string entry)
    {
        Assert.Contains("RunTasks:AllowedHosts", Failure(new RunTasksOptions { AllowedHosts = [entry] }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2 * 3600)]
    public void Plan_idle_timeout_of_zero_or_beyond_an_hour_stops_start_up_naming_the_key(int seconds)
    {
        var options = new RunTasksOptions { Delivery = { PlanReadIdleTimeout = TimeSpan.FromSeconds(seconds) } };
        Assert.Contains("PlanReadIdleTimeout", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_minimum_plan_rate_stops_start_up_naming_the_key()
    {
        var options = new RunTasksOptions { Delivery = { PlanMinBytesPerSecond = -1 } };
        Assert.Contains("PlanMinBytesPerSecond", Failure(options), StringComparison.Ordinal);
    }
}

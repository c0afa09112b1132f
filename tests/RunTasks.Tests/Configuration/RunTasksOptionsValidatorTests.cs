using RunTasks.Grains.Configuration;

namespace RunTasks.Tests.Configuration;

public sealed class RunTasksOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new RunTasksOptionsValidator().Validate(null, new RunTasksOptions()).Succeeded);
    }

    [Fact]
    public void Heartbeat_longer_than_the_progress_window_is_refused_naming_the_key()
    {
        var options = new RunTasksOptions { Deadlines = { Heartbeat = TimeSpan.FromMinutes(10) } };
        var result = new RunTasksOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("RunTasks:Deadlines:Heartbeat", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Safety_margin_as_long_as_the_total_is_refused()
    {
        var options = new RunTasksOptions { Deadlines = { Total = TimeSpan.FromSeconds(30), SafetyMargin = TimeSpan.FromSeconds(30) } };
        Assert.Contains("RunTasks:Deadlines:Total", new RunTasksOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_allowed_host_is_hcp_terraform()
    {
        Assert.Equal(["app.terraform.io"], new RunTasksOptions().EffectiveAllowedHosts);
    }
}

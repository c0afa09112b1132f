using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using RunTasks.Api.Hosting;
using RunTasks.Grains.Configuration;

namespace RunTasks.Tests.Configuration;

/// <summary>Unsigned requests are accepted only in Development or when an operator says so.</summary>
public sealed class UnsignedRequestsTests
{
    private static string? Failure(string environment, RunTasksOptions options) =>
        new UnsignedRequestsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options).FailureMessage;

    [Fact]
    public void Production_without_hmac_keys_is_refused_naming_the_keys_to_set()
    {
        var failure = Failure(Environments.Production, new RunTasksOptions());

        Assert.Contains("RunTasks:HmacKeys", failure, StringComparison.Ordinal);
        Assert.Contains("RunTasks:AllowUnsigned=true", failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure!);
    }

    [Fact]
    public void Allow_unsigned_lets_production_start_without_keys()
    {
        Assert.Null(Failure(Environments.Production, new RunTasksOptions { AllowUnsigned = true }));
    }

    [Fact]
    public void Development_starts_without_keys()
    {
        Assert.Null(Failure(Environments.Development, new RunTasksOptions()));
    }

    [Fact]
    public void Production_with_a_key_starts()
    {
        Assert.Null(Failure(Environments.Staging, new RunTasksOptions { HmacKeys = ["key"] }));
    }
}

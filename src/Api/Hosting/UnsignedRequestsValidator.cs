using Microsoft.Extensions.Options;
using RunTasks.Grains.Configuration;

namespace RunTasks.Api.Hosting;

/// <summary>Outside Development, no HMAC key is a refusal to start unless <c>RunTasks:AllowUnsigned</c> says it is on purpose.</summary>
public sealed class UnsignedRequestsValidator(IHostEnvironment environment) : IValidateOptions<RunTasksOptions>
{
    public const string Refusal =
        "RunTasks:HmacKeys is empty, so anyone could submit run task requests: set RunTasks:HmacKeys:0 (env RunTasks__HmacKeys__0) " +
        "to the run task's HMAC key, or RunTasks:AllowUnsigned=true to accept unsigned requests on purpose.";

    public ValidateOptionsResult Validate(string? name, RunTasksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.HmacKeys.Length > 0 || options.AllowUnsigned || environment.IsDevelopment()
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(Refusal);
    }
}
